// numeric builtins sinh, cosh, tanh, asinh, acosh, atanh; tolerance: WGSL §Floating Point Accuracy makes each inherited from its exp/log formula (|x| <= 2), so 32 ULP or 1e-5 abs.
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i]; // in [-2, 2]
  out[i * 6u] = sinh(x);
  out[i * 6u + 1u] = cosh(x);
  out[i * 6u + 2u] = tanh(x);
  out[i * 6u + 3u] = asinh(x * 3.0);
  out[i * 6u + 4u] = acosh(abs(x) + 1.5);
  out[i * 6u + 5u] = atanh(x * 0.45);
}
