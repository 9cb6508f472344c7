// matrices: construction from scalars and from columns, identity by splat-free construction, dynamic column and element indexing, column assignment.
@group(0) @binding(0) var<storage, read> idx: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  var m = mat3x3<f32>(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0);
  let c = idx[i] % 3u;
  let r = idx[i] / 3u % 3u;
  m[c] = vec3<f32>(f32(i), 2.0, 3.0);
  m[r][c] = m[r][c] + 10.0;
  let n = mat2x4<f32>(vec4(1.0, 2.0, 3.0, 4.0), vec4(5.0, 6.0, 7.0, 8.0));
  out[i * 4u] = m[0][0] + m[1][1] * 10.0 + m[2][2] * 100.0;
  out[i * 4u + 1u] = m[c].x - m[r].z;
  out[i * 4u + 2u] = n[i % 2u][idx[i] % 4u];
  out[i * 4u + 3u] = (m * vec3(1.0, -1.0, 0.5)).y;
}
