// matrices: mat*vec, vec*mat (row vector), mat*mat with rectangular shapes, mat*scalar, mat+mat and mat-mat, all column-major.
@group(0) @binding(0) var<storage, read> src: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

fn m4(o: u32) -> mat4x4<f32> {
  return mat4x4<f32>(
    vec4(src[o], src[o + 1], src[o + 2], src[o + 3]),
    vec4(src[o + 4], src[o + 5], src[o + 6], src[o + 7]),
    vec4(src[o + 8], src[o + 9], src[o + 10], src[o + 11]),
    vec4(src[o + 12], src[o + 13], src[o + 14], src[o + 15]),
  );
}

@compute @workgroup_size(1)
fn main() {
  let a = m4(0u);
  let b = m4(16u);
  let v = vec4<f32>(src[32], src[33], src[34], src[35]);
  let mv = a * v;
  let vm = v * a;
  let ab = a * b;
  let c = mat3x2<f32>(1.0, 2.0, 3.0, 4.0, 5.0, 6.0); // 3 columns, 2 rows
  let d = mat2x3<f32>(src[36], src[37], src[38], src[39], src[40], src[41]); // 2 columns, 3 rows
  let cd = c * d; // mat2x2
  let dc = d * c; // mat3x3
  let sum = (a + b) * 0.5 - a;
  var k = 0u;
  for (var i = 0u; i < 4u; i++) {
    out[k] = mv[i];
    out[k + 1u] = vm[i];
    k += 2u;
  }
  for (var c0 = 0u; c0 < 4u; c0++) {
    for (var r = 0u; r < 4u; r++) {
      out[k] = ab[c0][r];
      out[k + 1u] = sum[c0][r];
      k += 2u;
    }
  }
  out[k] = cd[0].x;
  out[k + 1u] = cd[0].y;
  out[k + 2u] = cd[1].x;
  out[k + 3u] = cd[1].y;
  k += 4u;
  for (var c1 = 0u; c1 < 3u; c1++) {
    for (var r = 0u; r < 3u; r++) {
      out[k] = dc[c1][r];
      k++;
    }
  }
}
