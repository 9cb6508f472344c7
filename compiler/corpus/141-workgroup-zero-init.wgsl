// var<workgroup> memory (scalars, arrays, structs, atomics) starts zeroed in every workgroup, even though a previous workgroup wrote it.
struct S {
  a: u32,
  v: vec3<f32>,
  arr: array<i32, 5>,
}

var<workgroup> w_scalar: u32;
var<workgroup> w_arr: array<u32, 64>;
var<workgroup> w_struct: S;
var<workgroup> w_atomic: atomic<u32>;
var<workgroup> w_mat: mat2x2<f32>;

@group(0) @binding(0) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  // Read first: everything must still be zero.
  var seen = w_arr[li] | w_scalar | w_struct.a | u32(w_struct.v.y) | u32(w_struct.arr[li % 5u]) | atomicLoad(&w_atomic) | u32(w_mat[1][0]);
  workgroupBarrier();
  // Then dirty it all, so a runtime that forgot to re-zero between workgroups would show.
  w_arr[li] = 0xffu;
  w_scalar = 1u;
  w_struct.a = 2u;
  w_struct.v = vec3(3.0);
  w_struct.arr[li % 5u] = 4;
  atomicAdd(&w_atomic, 1u);
  w_mat[1][0] = 5.0;
  workgroupBarrier();
  out[wg.x * 64u + li] = seen + atomicLoad(&w_atomic) * 1000u;
}
