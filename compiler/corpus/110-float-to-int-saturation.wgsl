// integer semantics: f32 -> i32 saturates to [-2^31, 0x7fffff80] and f32 -> u32 to [0, 0xffffff00] for huge, negative and infinite values; in-range values truncate.
@group(0) @binding(0) var<storage, read> f: array<f32>;
@group(0) @binding(1) var<storage, read_write> io: array<i32>;
@group(0) @binding(2) var<storage, read_write> uo: array<u32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  var x = f[i];
  if (i == 15u) {
    x = x / f[0]; // +infinity at run time (f[0] is 0)
  }
  io[i] = i32(x);
  uo[i] = u32(x);
  io[16u + i] = vec2<i32>(vec2(x, -x)).y;
  uo[16u + i] = vec2<u32>(vec2(-x, x)).y;
}
