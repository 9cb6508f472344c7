// atomics: a global histogram with atomicAdd into bins chosen by the data; the counts do not depend on the order.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> bins: array<atomic<u32>, 16>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  atomicAdd(&bins[a[g.x] % 16u], 1u);
}
