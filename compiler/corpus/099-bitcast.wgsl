// bitcast between f32, u32, i32 and their vectors reinterprets bits exactly (sign flips to -0.0, largest finite exponents; no subnormals or NaNs involved).
@group(0) @binding(0) var<storage, read> f: array<f32>;
@group(0) @binding(1) var<storage, read_write> uo: array<u32>;
@group(0) @binding(2) var<storage, read_write> fo: array<f32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = f[i];
  let b = bitcast<u32>(x);
  let s = bitcast<i32>(x);
  uo[i * 3u] = b;
  uo[i * 3u + 1u] = bitcast<u32>(-s);
  uo[i * 3u + 2u] = bitcast<vec2<u32>>(vec2(x, -x)).y;
  fo[i * 2u] = bitcast<f32>(b ^ 0x80000000u); // negate through the sign bit
  fo[i * 2u + 1u] = bitcast<vec2<f32>>(vec2<i32>(s, select(s + 2, 0x3f800000, s == 0))).y; // never a subnormal or NaN
}
