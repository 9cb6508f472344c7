// numeric builtins dot (vec2/3/4, f32 and i32), cross, length, distance, normalize; tolerance: WGSL §Floating Point Accuracy makes them inherited from their formulas (sums of products, sqrt), so 8 ULP or 1e-6 abs.
@group(0) @binding(0) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read_write> idot: array<i32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let u = a[i];
  let v = a[(i + 1u) % 8u];
  let c = cross(u.xyz, v.xyz);
  let n = normalize(u);
  out[i * 10u] = dot(u, v);
  out[i * 10u + 1u] = dot(u.xy, v.zw);
  out[i * 10u + 2u] = c.x;
  out[i * 10u + 3u] = c.y;
  out[i * 10u + 4u] = c.z;
  out[i * 10u + 5u] = length(u);
  out[i * 10u + 6u] = length(u.x); // abs for scalars
  out[i * 10u + 7u] = distance(u.xyz, v.xyz);
  out[i * 10u + 8u] = n.x;
  out[i * 10u + 9u] = n.w;
  let iu = vec3<i32>(u.xyz * 100.0);
  let iv = vec3<i32>(v.xyz * 100.0);
  idot[i] = dot(iu, iv);
}
