// integer semantics: vector / and % by a vector with zero lanes and -1 lanes apply the divisor fix per component; mixed scalar/vector operands too.
@group(0) @binding(0) var<storage, read> a: array<vec4<i32>>;
@group(0) @binding(1) var<storage, read> d: array<vec4<i32>>;
@group(0) @binding(2) var<storage, read_write> out: array<vec4<i32>>;

@compute @workgroup_size(4)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  out[i * 4u] = a[i] / d[i];
  out[i * 4u + 1u] = a[i] % d[i];
  out[i * 4u + 2u] = 100 / d[i];
  out[i * 4u + 3u] = a[i] % d[i].x;
}
