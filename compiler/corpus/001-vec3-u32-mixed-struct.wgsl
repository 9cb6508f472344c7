// layout: vec3<u32> + u32 + vec2<u32> + u32 gives offsets 0/12/16/24 and size 32; the 4 padding bytes at 28 keep the pre-filled pattern.
struct T {
  v: vec3<u32>, // 0
  w: u32, // 12
  x: vec2<u32>, // 16
  y: u32, // 24, then 4 bytes of padding (size 32)
}

@group(0) @binding(0) var<storage, read> src: array<T>;
@group(0) @binding(1) var<storage, read_write> dst: array<T>;

@compute @workgroup_size(8)
fn main(@builtin(local_invocation_index) i: u32) {
  let s = src[i];
  dst[i] = T(s.v.zyx + vec3<u32>(1u), s.w ^ s.v.x, s.x * 3u, s.y + 7u);
}
