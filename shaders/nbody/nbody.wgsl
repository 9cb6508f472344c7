// One step of an all-pairs gravitational n-body simulation. Every body feels every other body:
//   a_i = Σ_j m_j · (p_j − p_i) / (|p_j − p_i|² + ε²)^{3/2}
// then v ← v + a·dt and p ← p + v·dt (semi-implicit Euler). The bodies are processed in tiles of 256:
// each workgroup stages 256 positions in workgroup memory, every invocation accumulates their pull,
// and the workgroup moves on — each position is read from global memory once per workgroup instead
// of once per invocation.

const WG: u32 = 256u;

struct Params {
  count: u32,
  dt: f32,
  softening2: f32, // ε²: keeps close encounters (and a body's pull on itself) finite
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> pos_in: array<vec4<f32>>; // xyz = position, w = mass
@group(0) @binding(2) var<storage, read> vel_in: array<vec4<f32>>; // xyz = velocity
@group(0) @binding(3) var<storage, read_write> pos_out: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> vel_out: array<vec4<f32>>;

var<workgroup> tile: array<vec4<f32>, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = gid.x;
  var me = vec4<f32>(0.0);
  if (i < params.count) {
    me = pos_in[i];
  }
  var acc = vec3<f32>(0.0);
  let tiles = (params.count + WG - 1u) / WG;
  for (var t = 0u; t < tiles; t++) {
    let j = t * WG + lid;
    var other = vec4<f32>(0.0); // past the end: mass 0, no pull
    if (j < params.count) {
      other = pos_in[j];
    }
    tile[lid] = other;
    workgroupBarrier();
    for (var k = 0u; k < WG; k++) {
      let body = tile[k];
      let d = body.xyz - me.xyz;
      let dist2 = d.x * d.x + d.y * d.y + d.z * d.z + params.softening2;
      let inv = 1.0 / sqrt(dist2);
      acc = acc + d * (body.w * inv * inv * inv);
    }
    workgroupBarrier();
  }
  if (i < params.count) {
    let v = vel_in[i].xyz + acc * params.dt;
    vel_out[i] = vec4<f32>(v, 0.0);
    pos_out[i] = vec4<f32>(me.xyz + v * params.dt, me.w);
  }
}
