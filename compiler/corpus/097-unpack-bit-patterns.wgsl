// unpack builtins on chosen bit patterns: unpack4x8snorm maps -128 to -1, unpack2x16float decodes normal halves (exponents forced into 1..15 so no subnormal or infinity appears).
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<f32>>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  out[i * 4u] = unpack4x8snorm(x);
  out[i * 4u + 1u] = unpack4x8unorm(x);
  out[i * 4u + 2u] = vec4(unpack2x16snorm(x), unpack2x16unorm(x));
  out[i * 4u + 3u] = vec4(unpack2x16float((x & 0x3bff3bffu) | 0x04000400u), 0.0, 1.0); // exponent in 1..15: no subnormal, no inf
}
