// atomics: atomicAdd and atomicSub on storage atomic<u32>/atomic<i32> from many invocations give order-independent totals; the returned old values sum to a fixed total.
@group(0) @binding(0) var<storage, read_write> counters: array<atomic<u32>, 4>;
@group(0) @binding(1) var<storage, read_write> signed: array<atomic<i32>, 2>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  atomicAdd(&counters[0], 1u);
  atomicAdd(&counters[1], i);
  atomicSub(&counters[2], i % 7u);
  let old = atomicAdd(&counters[3], 2u);
  _ = old;
  atomicSub(&signed[0], i32(i));
  atomicAdd(&signed[1], i32(i % 5u) - 2);
}
