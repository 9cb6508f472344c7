// scalar conversions: f32(i32)/f32(u32) round to nearest even, u32(i32) and i32(u32) reinterpret bits, f32->i32/u32 truncate toward zero.
@group(0) @binding(0) var<storage, read> ints: array<i32>;
@group(0) @binding(1) var<storage, read> floats: array<f32>;
@group(0) @binding(2) var<storage, read_write> fo: array<f32>;
@group(0) @binding(3) var<storage, read_write> io: array<i32>;
@group(0) @binding(4) var<storage, read_write> uo: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let n = ints[i];
  let f = floats[i];
  fo[i * 2u] = f32(n);
  fo[i * 2u + 1u] = f32(u32(n));
  io[i * 2u] = i32(f);
  io[i * 2u + 1u] = i32(u32(n) + 1u);
  uo[i * 2u] = u32(n);
  uo[i * 2u + 1u] = u32(abs(f));
}
