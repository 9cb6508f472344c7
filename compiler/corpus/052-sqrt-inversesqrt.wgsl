// numeric builtins sqrt and inverseSqrt on scalars and vectors; tolerance: WGSL §Floating Point Accuracy gives inverseSqrt 2 ULP and sqrt inherited from 1/inverseSqrt (we allow 3 ULP).
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  out[i * 4u] = sqrt(x);
  out[i * 4u + 1u] = inverseSqrt(x);
  let v = sqrt(vec2(x, x * 4.0));
  out[i * 4u + 2u] = v.y;
  out[i * 4u + 3u] = inverseSqrt(vec3(x + 1.0)).z;
}
