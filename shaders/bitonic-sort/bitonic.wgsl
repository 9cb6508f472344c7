// Bitonic sort of N = 2^p u32 keys, ascending, in place. The sorting network runs log2(N)·(log2(N)+1)/2
// compare-exchange passes; the workload's `passes` lists them, each with its own uniform values
// `k` (size of the bitonic sequences being merged) and `j` (distance between compared elements).
// One invocation per element; the one with the smaller index of each pair does the exchange.

struct Params {
  n: u32, // number of keys (a power of two)
  k: u32, // 2, 4, 8, … n
  j: u32, // k/2, k/4, … 1
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> keys: array<u32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let partner = i ^ params.j;
  if (i >= params.n || partner <= i) {
    return; // each pair is handled once, by its lower index
  }
  // Within each block of k elements, the first half sorts ascending, the second descending — except
  // in the last stage (k = n), where every block is ascending.
  let ascending = (i & params.k) == 0u;
  let a = keys[i];
  let b = keys[partner];
  if ((a > b) == ascending) {
    keys[i] = b;
    keys[partner] = a;
  }
}
