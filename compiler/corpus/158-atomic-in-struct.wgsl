// atomics: atomic members of a storage struct next to plain members (layout: atomic<u32> is 4 bytes), updated by many invocations.
struct Stats {
  n: atomic<u32>,
  tag: u32,
  sum: atomic<i32>,
  hits: array<atomic<u32>, 4>,
}

@group(0) @binding(0) var<storage, read_write> stats: Stats;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  atomicAdd(&stats.n, 1u);
  atomicAdd(&stats.sum, i32(g.x) - 20);
  atomicOr(&stats.hits[g.x % 4u], 1u << (g.x / 4u));
  if (g.x == 5u) {
    stats.tag = 0xbeefu;
  }
}
