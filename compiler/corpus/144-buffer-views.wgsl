// buffer_view: bufferView / bufferArrayView of storage, uniform and workgroup buffers, struct views with a runtime-sized tail, bufferLength, clamped run-time offsets.
struct Particle { pos: vec3f, mass: f32 }
struct Header { count: u32, scale: f32, pad: vec2u, items: array<Particle> }

@group(0) @binding(0) var<storage, read> src: buffer;
@group(0) @binding(1) var<uniform> params: buffer<32>;
@group(0) @binding(2) var<storage, read_write> dst: buffer<2064>;
var<workgroup> tile: buffer<1024>;

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3u) {
  let h = bufferView<Header>(&src, 0u);
  let shift = bufferView<vec4u>(&params, 16u).x;
  let i = wg.x * 64u + li;
  // Each invocation copies one particle into workgroup memory at a run-time offset, scaled.
  let t = bufferArrayView<array<Particle>>(&tile, 0u, 1024u);
  let p = h.items[i];
  t[li] = Particle(p.pos * h.scale, p.mass + f32(arrayLength(&h.items)));
  workgroupBarrier();
  // Then reads a neighbour's through a view at a run-time byte offset (past the end for some: clamped to 0).
  let n = bufferView<Particle>(&tile, ((li + shift) % 80u) * 16u);
  let out = bufferArrayView<array<vec4f>>(&dst, wg.x * 1024u, 1024u);
  out[li] = vec4f(n.pos, n.mass);
  if (li == 0u) {
    bufferView<array<u32, 4>>(&dst, 2048u)[wg.x] = bufferLength(&src) + bufferLength(&params) * 1000u + h.count;
  }
}
