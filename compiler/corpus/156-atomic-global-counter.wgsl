// atomics: a global counter hands out unique slots (atomicAdd returns each old value exactly once), so every slot gets marked exactly once.
@group(0) @binding(0) var<storage, read_write> counter: atomic<u32>;
@group(0) @binding(1) var<storage, read_write> marks: array<atomic<u32>>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let slot = atomicAdd(&counter, 1u);
  atomicAdd(&marks[slot], 1u);
}
