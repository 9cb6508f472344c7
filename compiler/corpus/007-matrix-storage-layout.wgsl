// layout: matrices are column-major; mat3x3 columns have 16-byte stride (padding kept on store), mat4x2 columns 8 bytes, mat2x3 columns 16 bytes.
struct M {
  a: mat3x3<f32>, // 0, 48 bytes
  b: mat4x2<f32>, // 48, 32 bytes
  c: mat2x3<f32>, // 80, 32 bytes (size 112)
}

@group(0) @binding(0) var<storage, read> src: array<M>;
@group(0) @binding(1) var<storage, read_write> flat: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<M>;

@compute @workgroup_size(2)
fn main(@builtin(local_invocation_index) i: u32) {
  let m = src[i];
  var k = i * 23u;
  for (var c = 0u; c < 3u; c++) {
    for (var r = 0u; r < 3u; r++) {
      flat[k] = m.a[c][r];
      k++;
    }
  }
  for (var c = 0u; c < 4u; c++) {
    for (var r = 0u; r < 2u; r++) {
      flat[k] = m.b[c][r];
      k++;
    }
  }
  for (var c = 0u; c < 2u; c++) {
    for (var r = 0u; r < 3u; r++) {
      flat[k] = m.c[c][r];
      k++;
    }
  }
  dst[i].a = transpose(m.a);
  dst[i].b = m.b * 2.0;
  dst[i].c[1] = m.c[0];
}
