// layout: @align and @size member attributes move members and grow the struct; padding they create is preserved.
struct A {
  @size(8) a: u32, // 0..8
  @align(16) b: u32, // 16
  c: vec2<u32>, // 24
  @size(20) d: u32, // 32..52
  e: u32, // 52 (struct align 16 -> size 64)
}

@group(0) @binding(0) var<storage, read> src: array<A>;
@group(0) @binding(1) var<storage, read_write> dst: array<A>;

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  let s = src[i];
  dst[i] = A(s.e, s.d, s.c.yx, s.b, s.a);
}
