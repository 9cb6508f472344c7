// layout: a f32 after a vec3<f32> packs into its 4th lane (offset 12, struct size 16, array stride 16).
struct S {
  a: vec3<f32>, // offset 0, size 12
  b: f32, // offset 12: shares the vec3's 16-byte slot
}

@group(0) @binding(0) var<storage, read> src: array<S>;
@group(0) @binding(1) var<storage, read_write> dst: array<S>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let s = src[i];
  dst[i] = S(s.a * 2.0 + vec3<f32>(s.b), s.b - s.a.y);
}
