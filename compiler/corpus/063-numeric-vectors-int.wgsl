// numeric builtins on integer vectors: abs/min/max/clamp/sign on vec4<i32> and vec3<u32> component-wise.
@group(0) @binding(0) var<storage, read> a: array<vec4<i32>>;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<i32>>;
@group(0) @binding(2) var<storage, read_write> uo: array<vec4<u32>>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let v = a[i];
  let w = a[(i + 1u) % 8u];
  out[i * 4u] = abs(v);
  out[i * 4u + 1u] = min(v, w) + max(v, w) * 2;
  out[i * 4u + 2u] = clamp(v, vec4(-10), vec4(10, 20, 30, 40));
  out[i * 4u + 3u] = sign(v - w);
  let u = vec3<u32>(v.xyz);
  uo[i] = vec4(min(u, vec3(500u)), max(u.x, 7u));
}
