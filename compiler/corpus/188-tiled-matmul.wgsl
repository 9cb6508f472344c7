// real project: 32x32 by 32x32 matrix multiply with 8x8 workgroup tiles in var<workgroup> memory and barriers; tolerance: the default (32-term dot products in the same order on both sides).
const T = 8u;
const N = 32u;

var<workgroup> ta: array<array<f32, 8>, 8>;
var<workgroup> tb: array<array<f32, 8>, 8>;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;

@compute @workgroup_size(8, 8)
fn main(@builtin(local_invocation_id) l: vec3<u32>, @builtin(workgroup_id) wg: vec3<u32>) {
  let row = wg.y * T + l.y;
  let col = wg.x * T + l.x;
  var acc = 0.0;
  for (var t = 0u; t < N / T; t++) {
    ta[l.y][l.x] = a[row * N + t * T + l.x];
    tb[l.y][l.x] = b[(t * T + l.y) * N + col];
    workgroupBarrier();
    for (var k = 0u; k < T; k++) {
      acc += ta[l.y][k] * tb[k][l.x];
    }
    workgroupBarrier();
  }
  c[row * N + col] = acc;
}
