// Dot product in two passes. WGSL has no float atomics, so the classic "every workgroup atomically
// adds its partial sum" does not exist for f32. Instead:
//   pass 1 (`partial_dots`): each workgroup multiplies 256 pairs and reduces them in a tree in
//          workgroup memory to one partial sum;
//   pass 2 (`finish`): a single workgroup adds the partial sums (each invocation a strided slice,
//          then a tree) and writes the result.
// Both passes live in one module and share the bindings; the workload's `passes` runs them in order.

const WG: u32 = 256u;

struct Params {
  n: u32,        // vector length
  partials: u32, // number of workgroups in pass 1 = ceil(n / 256)
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> partial_sums: array<f32>;
@group(0) @binding(4) var<storage, read_write> result: array<f32>; // one element

var<workgroup> tile: array<f32, WG>;

// Tree reduction of `tile` (every invocation calls it: it contains barriers).
fn reduce_tile(lid: u32) {
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      tile[lid] = tile[lid] + tile[lid + stride];
    }
    workgroupBarrier();
  }
}

@compute @workgroup_size(WG)
fn partial_dots(
  @builtin(global_invocation_id) gid: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
) {
  var v = 0.0;
  if (gid.x < params.n) {
    v = x[gid.x] * y[gid.x];
  }
  tile[lid] = v;
  workgroupBarrier();
  reduce_tile(lid);
  if (lid == 0u) {
    partial_sums[wid.x] = tile[0];
  }
}

@compute @workgroup_size(WG)
fn finish(@builtin(local_invocation_index) lid: u32) {
  // Invocation `lid` adds partials lid, lid + 256, lid + 512, … in order, then the tree combines them.
  var acc = 0.0;
  for (var j = lid; j < params.partials; j += WG) {
    acc = acc + partial_sums[j];
  }
  tile[lid] = acc;
  workgroupBarrier();
  reduce_tile(lid);
  if (lid == 0u) {
    result[0] = tile[0];
  }
}
