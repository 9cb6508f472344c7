// Workgroup sum reduction: one partial sum per workgroup.
const WG: u32 = 256u;

@group(0) @binding(0) var<storage, read> input: array<f32>;
@group(0) @binding(1) var<storage, read_write> partial: array<f32>;

var<workgroup> tile: array<f32, WG>;

@compute @workgroup_size(WG)
fn reduce(@builtin(local_invocation_index) li: u32,
          @builtin(global_invocation_id) gid: vec3<u32>,
          @builtin(workgroup_id) wid: vec3<u32>) {
  tile[li] = select(0.0, input[gid.x], gid.x < arrayLength(&input));
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (li < stride) {
      tile[li] += tile[li + stride];
    }
    workgroupBarrier();
  }
  if (li == 0u) {
    partial[wid.x] = tile[0];
  }
}
