// SAXPY: y = a·x + y, the "hello world" of GPU computing. One invocation per element; it reads two
// floats and writes one, so it measures memory bandwidth, not arithmetic.

struct Params {
  n: u32, // element count; the last workgroup may run past it
  a: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i < params.n) {
    y[i] = params.a * x[i] + y[i]; // in place: y is both input and output
  }
}
