// real project: a 64-element bitonic sort as 21 passes with per-pass uniform fields (k, j); the final array is sorted, and the multi-pass runner keeps buffer state between passes.
struct Params {
  k: u32,
  j: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> data: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let l = i ^ params.j;
  if (l > i) {
    let a = data[i];
    let b = data[l];
    let ascending = (i & params.k) == 0u;
    if ((a > b) == ascending) {
      data[i] = b;
      data[l] = a;
    }
  }
}
