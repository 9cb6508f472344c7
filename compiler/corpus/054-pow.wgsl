// numeric builtin pow(x, y) for x > 0; tolerance: WGSL §Floating Point Accuracy makes pow inherited from exp2(y * log2(x)); with |y * log2(x)| < 8 that is about 19 ULP plus the log2 error, so 64 ULP.
@group(0) @binding(0) var<storage, read> b: array<f32>;
@group(0) @binding(1) var<storage, read> e: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  out[i * 2u] = pow(b[i], e[i]);
  out[i * 2u + 1u] = pow(vec2(b[i], 2.0), vec2(0.5, e[i])).y;
}
