// matrices: transpose of square and rectangular matrices, determinant of 2x2, 3x3 and 4x4.
@group(0) @binding(0) var<storage, read> src: array<mat4x4<f32>>;
@group(0) @binding(1) var<storage, read_write> det: array<f32>;
@group(0) @binding(2) var<storage, read_write> tr: array<mat4x4<f32>>;
@group(0) @binding(3) var<storage, read_write> tr23: array<mat3x2<f32>>;

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  let m = src[i];
  let m3 = mat3x3<f32>(m[0].xyz, m[1].xyz, m[2].xyz);
  let m2 = mat2x2<f32>(m[0].xy, m[1].xy);
  det[i * 3u] = determinant(m2);
  det[i * 3u + 1u] = determinant(m3);
  det[i * 3u + 2u] = determinant(m);
  tr[i] = transpose(m);
  tr23[i] = transpose(mat2x3<f32>(m[0].xyz, m[3].yzw));
}
