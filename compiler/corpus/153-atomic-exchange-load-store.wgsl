// atomics: atomicStore, atomicLoad and atomicExchange (returns the previous value) on per-invocation slots, in storage and workgroup memory.
var<workgroup> wslots: array<atomic<u32>, 32>;

@group(0) @binding(0) var<storage, read_write> slots: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let i = g.x;
  let before = atomicLoad(&slots[i]);
  let old = atomicExchange(&slots[i], i * 10u);
  let mid = atomicLoad(&slots[i]);
  atomicStore(&slots[i], mid + 1u);
  atomicStore(&wslots[li], i);
  let wold = atomicExchange(&wslots[li], 7u);
  out[i * 4u] = before;
  out[i * 4u + 1u] = old;
  out[i * 4u + 2u] = mid;
  out[i * 4u + 3u] = wold + atomicLoad(&wslots[li]);
}
