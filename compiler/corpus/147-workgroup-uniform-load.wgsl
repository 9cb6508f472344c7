// workgroupUniformLoad: one invocation writes a workgroup variable; every invocation loads the same value (it acts as a barrier), and the value can drive uniform control flow containing barriers.
var<workgroup> count: u32;
var<workgroup> flag: bool;
var<workgroup> acc: array<u32, 16>;

@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(16)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  if (li == 0u) {
    count = a[wg.x] % 5u + 1u;
    flag = a[wg.x] > 500u;
  }
  let n = workgroupUniformLoad(&count);
  for (var k = 0u; k < n; k++) {
    acc[li] += k + li;
    workgroupBarrier(); // allowed: n is uniform
  }
  let f = workgroupUniformLoad(&flag);
  out[wg.x * 16u + li] = acc[15u - li] * 10u + n + u32(f) * 1000u;
}
