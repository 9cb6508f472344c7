// Inclusive prefix sum (scan) of u32 values in three passes, for any length up to 65535 × 256:
//   1. `scan_blocks`: every workgroup scans its 256 values in workgroup memory (Hillis–Steele:
//      log2(256) = 8 steps, each adding the value `offset` slots to the left) and records its total;
//   2. `scan_totals`: one workgroup scans the block totals (each invocation a contiguous run of them
//      serially, then a workgroup scan of the run totals);
//   3. `add_offsets`: every element of block b > 0 adds the inclusive total of blocks 0 … b−1.
// Integer addition is associative (wrapping), so the answer is exact and order-independent.

const WG: u32 = 256u;

struct Params {
  n: u32,      // element count
  blocks: u32, // ceil(n / 256)
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> input: array<u32>;
@group(0) @binding(2) var<storage, read_write> output: array<u32>;
@group(0) @binding(3) var<storage, read_write> block_totals: array<u32>;

var<workgroup> tile: array<u32, WG>;

// Inclusive Hillis–Steele scan of `tile` across the workgroup (every invocation must call it).
fn scan_tile(lid: u32) {
  for (var offset = 1u; offset < WG; offset = offset * 2u) {
    var v = tile[lid];
    if (lid >= offset) {
      v = v + tile[lid - offset];
    }
    workgroupBarrier(); // everyone has read before anyone overwrites
    tile[lid] = v;
    workgroupBarrier();
  }
}

@compute @workgroup_size(WG)
fn scan_blocks(
  @builtin(global_invocation_id) gid: vec3<u32>,
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
) {
  var v = 0u;
  if (gid.x < params.n) {
    v = input[gid.x];
  }
  tile[lid] = v;
  workgroupBarrier();
  scan_tile(lid);
  if (gid.x < params.n) {
    output[gid.x] = tile[lid];
  }
  if (lid == WG - 1u) {
    block_totals[wid.x] = tile[lid];
  }
}

@compute @workgroup_size(WG)
fn scan_totals(@builtin(local_invocation_index) lid: u32) {
  // Invocation lid owns the contiguous run [lid·per, (lid+1)·per) of block totals.
  let per = (params.blocks + WG - 1u) / WG;
  let start = lid * per;
  let end = min(start + per, params.blocks);
  var run = 0u;
  for (var j = start; j < end; j++) {
    run = run + block_totals[j];
    block_totals[j] = run; // scanned within the run
  }
  tile[lid] = run;
  workgroupBarrier();
  scan_tile(lid);
  // Add the totals of all earlier runs.
  var before = 0u;
  if (lid > 0u) {
    before = tile[lid - 1u];
  }
  for (var j = start; j < end; j++) {
    block_totals[j] = block_totals[j] + before;
  }
}

@compute @workgroup_size(WG)
fn add_offsets(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  if (wid.x > 0u && gid.x < params.n) {
    output[gid.x] = output[gid.x] + block_totals[wid.x - 1u];
  }
}
