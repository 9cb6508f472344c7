// storageBarrier: storage writes by one invocation before the barrier are visible to other invocations of the same workgroup after it.
@group(0) @binding(0) var<storage, read_write> buf: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(32)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  let base = wg.x * 32u;
  buf[base + li] = (base + li) * 3u + 1u;
  storageBarrier();
  workgroupBarrier(); // WGSL's storageBarrier orders memory; the control barrier keeps invocations together
  out[base + li] = buf[base + (li + 1u) % 32u] + buf[base + 31u - li];
}
