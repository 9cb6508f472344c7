// Histogram with atomics: count how many of N values in [0, 1) fall in each of `bins` equal bins.
// Every workgroup first counts into a private histogram in workgroup memory (atomics there are cheap
// and contended only within the workgroup), then adds its counts to the global histogram with one
// atomicAdd per non-empty bin.

const WG: u32 = 256u;
const MAX_BINS: u32 = 256u;

struct Params {
  n: u32,
  bins: u32, // 1 … 256
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> values: array<f32>;
@group(0) @binding(2) var<storage, read_write> histogram: array<atomic<u32>>;

var<workgroup> local_bins: array<atomic<u32>, MAX_BINS>; // zeroed at workgroup start

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  if (gid.x < params.n) {
    let v = values[gid.x];
    // v·bins rounds to f32, then truncates; min() keeps a value that rounds up to 1.0 in the last bin.
    let bin = min(u32(v * f32(params.bins)), params.bins - 1u);
    atomicAdd(&local_bins[bin], 1u);
  }
  workgroupBarrier();
  // Invocation lid flushes bin lid (and lid + 256, … — none while bins ≤ 256).
  for (var b = lid; b < params.bins; b += WG) {
    let count = atomicLoad(&local_bins[b]);
    if (count > 0u) {
      atomicAdd(&histogram[b], count);
    }
  }
}
