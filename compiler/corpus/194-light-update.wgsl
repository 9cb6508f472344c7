// real project: webgpu-samples deferredRendering's light update: a storage struct holding only a runtime-sized array of {vec4f, vec3f, f32} lights, a uniform count and extent; each light below the count falls by 0.5 plus a per-index step and wraps to the top under the floor, over 3 passes; default tolerance.
struct Light {
  position: vec4f,
  color: vec3f,
  radius: f32,
}
struct Lights {
  all: array<Light>,
}
struct Count {
  n: u32,
}
struct Box {
  lo: vec4f,
  hi: vec4f,
}
@group(0) @binding(0) var<storage, read_write> lights: Lights;
@group(0) @binding(1) var<uniform> count: Count;
@group(0) @binding(2) var<uniform> box: Box;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  var i = id.x;
  if (i >= count.n) {
    return;
  }
  let step = f32(i) - 64.0 * floor(f32(i) / 64.0);
  lights.all[i].position.y = lights.all[i].position.y - 0.5 - 0.003 * step;
  if (lights.all[i].position.y < box.lo.y) {
    lights.all[i].position.y = box.hi.y;
  }
}
