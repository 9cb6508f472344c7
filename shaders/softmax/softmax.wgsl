// Row-wise softmax, numerically stable: out[r][c] = exp(x[r][c] − max_r) / Σ_c exp(x[r][c] − max_r).
// One workgroup per row. Subtracting the row maximum first keeps exp() from overflowing (exp(89) is
// already ∞ in f32) without changing the result. Three sweeps over the row: max, sum, write — the
// first two are tree reductions in workgroup memory.

const WG: u32 = 256u;

struct Params {
  rows: u32,
  cols: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read_write> probs: array<f32>;

var<workgroup> scratch: array<f32, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;
  let base = row * params.cols;

  // 1. Row maximum: each invocation scans columns lid, lid + 256, …, then a tree of max().
  var m = -0x1.fffffep+127f; // the lowest finite f32: the identity of max
  for (var c = lid; c < params.cols; c += WG) {
    m = max(m, logits[base + c]);
  }
  scratch[lid] = m;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      scratch[lid] = max(scratch[lid], scratch[lid + stride]);
    }
    workgroupBarrier();
  }
  let row_max = scratch[0];
  workgroupBarrier(); // everyone has read scratch[0] before it is reused

  // 2. Sum of exp(x − max), same pattern with +.
  var s = 0.0;
  for (var c = lid; c < params.cols; c += WG) {
    s = s + exp(logits[base + c] - row_max);
  }
  scratch[lid] = s;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      scratch[lid] = scratch[lid] + scratch[lid + stride];
    }
    workgroupBarrier();
  }
  let inv_sum = 1.0 / scratch[0];

  // 3. Normalise.
  for (var c = lid; c < params.cols; c += WG) {
    probs[base + c] = exp(logits[base + c] - row_max) * inv_sum;
  }
}
