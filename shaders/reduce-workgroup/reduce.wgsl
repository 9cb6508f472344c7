// Workgroup tree reduction: each workgroup sums its 256 elements in shared (workgroup) memory and
// writes one partial sum. A second pass (or the host) adds the partials.

const WG: u32 = 256u;

struct Params {
  n: u32, // element count; invocations past it contribute 0
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> values: array<f32>;
@group(0) @binding(2) var<storage, read_write> partials: array<f32>;

var<workgroup> tile: array<f32, WG>;

@compute @workgroup_size(WG)
fn main(
  @builtin(global_invocation_id) gid: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
) {
  var v = 0.0;
  if (gid.x < params.n) {
    v = values[gid.x];
  }
  tile[lid] = v;
  workgroupBarrier(); // every element is in tile before anyone reads a neighbour

  // Halve the active invocations each step: 128 add pairs, then 64, … then 1.
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      tile[lid] = tile[lid] + tile[lid + stride];
    }
    workgroupBarrier(); // uniform control flow: every invocation reaches every barrier
  }

  if (lid == 0u) {
    partials[wid.x] = tile[0];
  }
}
