// real project: webgpu-samples computeBoids' declarations, a storage struct whose only member is a runtime-sized array (struct Particles { particles: array<Particle> }), with arrayLength through it; one boids step as in 185; tolerance: sums of 64 terms and normalize, 64 ULP or 1e-5 abs.
struct Boid {
  pos: vec2<f32>,
  vel: vec2<f32>,
}

struct SimParams {
  dt: f32,
  rule1Distance: f32,
  rule2Distance: f32,
  rule3Distance: f32,
  rule1Scale: f32,
  rule2Scale: f32,
  rule3Scale: f32,
}

@group(0) @binding(0) var<uniform> params: SimParams;
struct Boids {
  boids: array<Boid>,
}

@group(0) @binding(1) var<storage, read> particlesA: Boids;
@group(0) @binding(2) var<storage, read_write> particlesB: Boids;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let index = g.x;
  let n = arrayLength(&particlesA.boids);
  if (index >= n) {
    return;
  }
  var vPos = particlesA.boids[index].pos;
  var vVel = particlesA.boids[index].vel;
  var cMass = vec2(0.0);
  var cVel = vec2(0.0);
  var colVel = vec2(0.0);
  var cMassCount = 0u;
  var cVelCount = 0u;
  for (var i = 0u; i < n; i++) {
    if (i == index) {
      continue;
    }
    let pos = particlesA.boids[i].pos;
    let vel = particlesA.boids[i].vel;
    if (distance(pos, vPos) < params.rule1Distance) {
      cMass += pos;
      cMassCount++;
    }
    if (distance(pos, vPos) < params.rule2Distance) {
      colVel -= pos - vPos;
    }
    if (distance(pos, vPos) < params.rule3Distance) {
      cVel += vel;
      cVelCount++;
    }
  }
  if (cMassCount > 0u) {
    cMass = cMass / f32(cMassCount) - vPos;
  }
  if (cVelCount > 0u) {
    cVel /= f32(cVelCount);
  }
  vVel += cMass * params.rule1Scale + colVel * params.rule2Scale + cVel * params.rule3Scale;
  vVel = normalize(vVel) * clamp(length(vVel), 0.0, 0.1);
  vPos = vPos + vVel * params.dt;
  if (vPos.x < -1.0) { vPos.x = 1.0; }
  if (vPos.x > 1.0) { vPos.x = -1.0; }
  if (vPos.y < -1.0) { vPos.y = 1.0; }
  if (vPos.y > 1.0) { vPos.y = -1.0; }
  particlesB.boids[index] = Boid(vPos, vVel);
}
