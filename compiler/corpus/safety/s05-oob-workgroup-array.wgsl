// safety: out-of-bounds writes to a var<workgroup> array stay inside it; the other workgroup variables keep their values.
var<workgroup> before: array<u32, 16>;
var<workgroup> tile: array<u32, 16>;
var<workgroup> after: array<u32, 16>;

@group(0) @binding(0) var<storage, read_write> result: array<u32>;

@compute @workgroup_size(16)
fn main(@builtin(local_invocation_index) li: u32) {
  before[li] = 100u + li;
  after[li] = 200u + li;
  workgroupBarrier();
  tile[li + 16u] = 0xdeadu; // always out of bounds
  tile[li * 1000u] = 0xbeefu;
  workgroupBarrier();
  result[li] = before[li] + after[li] * 1000u;
}
