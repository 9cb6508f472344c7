// real project: inclusive prefix sum (Hillis-Steele) of u32 in workgroup memory with double buffering, plus the exclusive form, per 64-element block.
var<workgroup> buf: array<array<u32, 64>, 2>;

@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> incl: array<u32>;
@group(0) @binding(2) var<storage, read_write> excl: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  let gi = wg.x * 64u + li;
  buf[0][li] = a[gi];
  workgroupBarrier();
  var src = 0u;
  for (var off = 1u; off < 64u; off <<= 1u) {
    let dst = 1u - src;
    if (li >= off) {
      buf[dst][li] = buf[src][li] + buf[src][li - off];
    } else {
      buf[dst][li] = buf[src][li];
    }
    workgroupBarrier();
    src = dst;
  }
  incl[gi] = buf[src][li];
  excl[gi] = buf[src][li] - a[gi];
}
