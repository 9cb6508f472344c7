// numeric builtins exp, exp2, log, log2; tolerance: WGSL §Floating Point Accuracy gives exp/exp2 3 + 2|x| ULP (|x| <= 4 here, so 11 ULP) and log/log2 3 ULP outside [0.5, 2] or 2^-21 absolute inside.
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> p: array<f32>;
@group(0) @binding(2) var<storage, read_write> ex: array<f32>;
@group(0) @binding(3) var<storage, read_write> lg: array<f32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  let y = p[i];
  ex[i * 2u] = exp(x);
  ex[i * 2u + 1u] = exp2(vec2(x, -x)).y;
  lg[i * 2u] = log(y);
  lg[i * 2u + 1u] = log2(y);
}
