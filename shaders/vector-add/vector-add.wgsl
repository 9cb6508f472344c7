// Vector addition: c[i] = a[i] + b[i], one invocation per element. The simplest data-parallel
// kernel: no invocation depends on another, so the GPU may run them in any order.

struct Params {
  n: u32, // element count; the last workgroup may run past it
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i < params.n) {
    c[i] = a[i] + b[i];
  }
}
