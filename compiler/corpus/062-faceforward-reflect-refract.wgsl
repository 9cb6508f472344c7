// numeric builtins faceForward, reflect, refract (including total internal reflection -> zero vector); tolerance: inherited from their formulas per WGSL §Floating Point Accuracy, so 16 ULP or 1e-5 abs.
@group(0) @binding(0) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<f32>>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let e = normalize(a[i].xyz);
  let n = normalize(a[(i + 3u) % 8u].xyz);
  out[i * 4u] = vec4(faceForward(n, e, a[(i + 5u) % 8u].xyz), 0.0);
  out[i * 4u + 1u] = vec4(reflect(e, n), 1.0);
  out[i * 4u + 2u] = vec4(refract(e, n, 0.66), 2.0);
  out[i * 4u + 3u] = vec4(refract(e, n, 1.8), 3.0); // often total internal reflection -> vec3(0)
}
