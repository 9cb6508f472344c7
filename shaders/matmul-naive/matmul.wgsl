// Naive matrix multiply C = A·B (row-major; A is M×K, B is K×N, C is M×N). One invocation per
// element of C: it walks a row of A and a column of B straight from global memory, so every element
// of A is read N times and every element of B M times.

struct Params {
  m: u32,
  n: u32,
  k: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col = gid.x; // x fastest: neighbouring invocations read neighbouring columns of B
  let row = gid.y;
  if (row >= params.m || col >= params.n) {
    return;
  }
  var sum = 0.0;
  for (var i = 0u; i < params.k; i++) {
    sum = sum + a[row * params.k + i] * b[i * params.n + col];
  }
  c[row * params.n + col] = sum;
}
