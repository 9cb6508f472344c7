// numeric builtins saturate (exact clamp to [0,1]) and degrees/radians (inherited from a multiply: default tolerance) on scalars and vectors.
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> sat: array<f32>;
@group(0) @binding(2) var<storage, read_write> ang: array<f32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  sat[i * 2u] = saturate(x);
  sat[i * 2u + 1u] = saturate(vec2(x * 0.25, -x)).y;
  ang[i * 2u] = degrees(x);
  ang[i * 2u + 1u] = radians(vec2(x * 90.0)).x;
}
