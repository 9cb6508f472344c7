// atomics: per-workgroup atomics in var<workgroup> count locally, then one invocation publishes the workgroup total with a global atomicAdd.
var<workgroup> local_count: atomic<u32>;
var<workgroup> local_max: atomic<u32>;

@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> per_group: array<u32>;
@group(0) @binding(2) var<storage, read_write> total: array<atomic<u32>, 2>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3<u32>, @builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  let v = a[g.x];
  if (v % 3u == 0u) {
    atomicAdd(&local_count, 1u);
  }
  atomicMax(&local_max, v);
  workgroupBarrier();
  if (li == 0u) {
    let c = atomicLoad(&local_count);
    per_group[wg.x * 2u] = c;
    per_group[wg.x * 2u + 1u] = atomicLoad(&local_max);
    atomicAdd(&total[0], c);
    atomicMax(&total[1], atomicLoad(&local_max));
  }
}
