// function calls: ptr<workgroup, T> parameters read and write workgroup memory shared by the invocations of one workgroup (with barriers).
var<workgroup> tile: array<u32, 32>;

fn put(t: ptr<workgroup, array<u32, 32>>, i: u32, v: u32) {
  (*t)[i] = v;
}

fn sum_pair(t: ptr<workgroup, array<u32, 32>>, i: u32) -> u32 {
  return t[i] + t[31u - i];
}

@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(32)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  let gi = wg.x * 32u + li;
  put(&tile, li, a[gi] * 2u);
  workgroupBarrier();
  out[gi] = sum_pair(&tile, li);
}
