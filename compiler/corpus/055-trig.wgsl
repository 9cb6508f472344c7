// numeric builtins sin, cos, tan in [-pi, pi]; tolerance: WGSL §Floating Point Accuracy gives sin/cos absolute error 2^-11 there, tan inherited from sin/cos (kept to |tan| < 3 here), so abs 5e-4 / 2e-3.
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> sc: array<f32>;
@group(0) @binding(2) var<storage, read_write> tn: array<f32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  sc[i * 3u] = sin(x);
  sc[i * 3u + 1u] = cos(x);
  sc[i * 3u + 2u] = sin(vec3(x, -x, x * 0.5)).y;
  tn[i] = tan(x * 0.4);
}
