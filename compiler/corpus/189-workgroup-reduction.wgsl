// real project: tree reduction in workgroup memory (sum of f32 in a fixed pairing order, max and sum of u32) with barriers inside a loop; one result per workgroup.
const WG = 64u;

var<workgroup> fs: array<f32, WG>;
var<workgroup> us: array<u32, WG>;
var<workgroup> ms: array<u32, WG>;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> sums: array<f32>;
@group(0) @binding(2) var<storage, read_write> ints: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  let v = a[wg.x * WG + li];
  fs[li] = v;
  us[li] = u32(abs(v) * 1000.0);
  ms[li] = us[li];
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    if (li < s) {
      fs[li] += fs[li + s];
      us[li] += us[li + s];
      ms[li] = max(ms[li], ms[li + s]);
    }
    workgroupBarrier();
  }
  if (li == 0u) {
    sums[wg.x] = fs[0];
    ints[wg.x * 2u] = us[0];
    ints[wg.x * 2u + 1u] = ms[0];
  }
}
