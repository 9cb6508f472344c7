// layout: uniform-buffer rules (arrays of structs and vec4 with 16-byte strides, vec3 + f32 packing) filled from workload fields by member name.
struct Light {
  pos: vec3<f32>,
  intensity: f32,
}

struct Params {
  count: u32,
  scale: f32,
  lights: array<Light, 3>, // offset 16, stride 16
  weights: array<vec4<f32>, 2>, // offset 64
  bias: vec3<f32>, // offset 96
  id: u32, // offset 108
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  if (i >= params.count) {
    out[i] = -1.0;
    return;
  }
  let l = params.lights[i];
  let w = params.weights[i % 2u];
  out[i] = (dot(l.pos, w.xyz) + w.w) * l.intensity * params.scale + params.bias[i] + f32(params.id);
}
