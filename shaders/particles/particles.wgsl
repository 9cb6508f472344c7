// Particle update: N independent particles under gravity and air drag, bouncing off the walls of the
// unit box, advanced STEPS times within one sample (the workload repeats this pass). In place: each
// invocation reads and writes only its own particle, so no ping-pong is needed.

struct Params {
  count: u32,
  dt: f32,
  gravity: f32,     // downward acceleration
  drag: f32,        // velocity lost per unit time, as a fraction
  restitution: f32, // speed kept after a bounce
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> particles: array<vec4<f32>>; // xy = position, zw = velocity

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= params.count) {
    return;
  }
  let p = particles[i];
  var pos = p.xy;
  var vel = p.zw;
  vel.y = vel.y - params.gravity * params.dt;
  vel = vel * (1.0 - params.drag * params.dt);
  pos = pos + vel * params.dt;
  // Reflect off the walls of [0, 1]²: mirror the position, reverse and damp the velocity.
  if (pos.x < 0.0) {
    pos.x = -pos.x;
    vel.x = -vel.x * params.restitution;
  } else if (pos.x > 1.0) {
    pos.x = 2.0 - pos.x;
    vel.x = -vel.x * params.restitution;
  }
  if (pos.y < 0.0) {
    pos.y = -pos.y;
    vel.y = -vel.y * params.restitution;
  } else if (pos.y > 1.0) {
    pos.y = 2.0 - pos.y;
    vel.y = -vel.y * params.restitution;
  }
  particles[i] = vec4<f32>(pos, vel);
}
