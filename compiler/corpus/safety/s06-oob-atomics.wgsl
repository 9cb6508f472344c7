// safety: atomic operations on out-of-bounds elements of a storage atomic array do not modify other bindings; in-bounds counters are right.
@group(0) @binding(0) var<storage, read_write> guard_before: array<u32>;
@group(0) @binding(1) var<storage, read_write> counters: array<atomic<u32>>;
@group(0) @binding(2) var<storage, read_write> guard_after: array<u32>;
@group(0) @binding(3) var<storage, read_write> result: array<atomic<u32>, 4>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  atomicAdd(&counters[i + 4u], 1u); // counters has 4 elements
  atomicOr(&counters[i * 97u], 0x80000000u);
  atomicAdd(&result[i % 4u], 1u + guard_before[0] * 0u + guard_after[0] * 0u);
}
