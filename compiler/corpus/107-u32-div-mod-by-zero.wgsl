// integer semantics: u32 x / 0 == x and x % 0 == 0, scalar and vector, and compound /= %= follow the same rule.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read> d: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  var q = a[i];
  var r = a[i];
  q /= d[i];
  r %= d[i];
  let v = vec3(a[i]) / vec3(d[i], 0u, 7u);
  out[i * 3u] = q;
  out[i * 3u + 1u] = r;
  out[i * 3u + 2u] = v.x ^ v.y ^ v.z;
}
