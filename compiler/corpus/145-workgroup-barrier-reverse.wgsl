// workgroupBarrier: values written to workgroup memory before the barrier are visible to every invocation of the workgroup after it (reverse a tile, twice, with a 2D workgroup).
var<workgroup> tile: array<f32, 64>;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(8, 8)
fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wg: vec3<u32>) {
  let base = wg.x * 64u;
  tile[li] = a[base + li];
  workgroupBarrier();
  let v = tile[63u - li];
  workgroupBarrier();
  tile[li] = v * 2.0;
  workgroupBarrier();
  out[base + li] = tile[(li + 8u) % 64u] + v;
}
