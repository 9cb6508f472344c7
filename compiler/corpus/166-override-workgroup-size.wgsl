// overrides: the workload's overrides set @workgroup_size dimensions and a workgroup array length (override-sized var<workgroup> array); local ids follow the overridden size.
override WX: u32 = 4u;
override WY: u32 = 4u;

var<workgroup> tile: array<u32, WX * WY>;

@group(0) @binding(0) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(WX, WY, 1)
fn main(@builtin(local_invocation_id) l: vec3<u32>, @builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  tile[li] = l.x * 100u + l.y;
  workgroupBarrier();
  let n = WX * WY;
  out[wg.x * n + li] = tile[n - 1u - li] + wg.x * 10000u;
}
