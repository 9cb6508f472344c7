// runtime-sized arrays of structs with mixed members: read-modify-write of whole elements and members, arrayLength-bounded loops over them.
struct Particle {
  pos: vec2<f32>,
  vel: vec2<f32>,
  id: u32,
  alive: u32,
}

@group(0) @binding(0) var<storage, read> src: array<Particle>;
@group(0) @binding(1) var<storage, read_write> ps: array<Particle>;
@group(0) @binding(2) var<storage, read_write> stats: array<u32, 2>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  if (i < arrayLength(&ps)) {
    var p = src[i];
    p.pos += p.vel * 0.5;
    p.id = i * 7u;
    p.alive = u32(abs(p.pos.x) < 2.0);
    ps[i] = p;
    ps[i].vel.y = -p.vel.y;
  }
  if (i == 0u) {
    var rising = 0u;
    for (var k = 0u; k < arrayLength(&src); k++) {
      rising += u32(src[k].vel.y > 0.0);
    }
    stats[0] = rising;
    stats[1] = arrayLength(&ps);
  }
}
