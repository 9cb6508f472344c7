// uniform buffer scalars driving loops and branches (n, stride, mode) plus a per-element storage computation, the saxpy shape with a uniform.
struct Params {
  n: u32,
  a: f32,
  mode: u32,
  stride: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  if (i >= params.n) {
    return;
  }
  var v = params.a * x[i] + y[i];
  if (params.mode == 1u) {
    for (var k = 0u; k < params.stride; k++) {
      v += x[(i + k) % params.n] * 0.125;
    }
  }
  y[i] = v;
}
