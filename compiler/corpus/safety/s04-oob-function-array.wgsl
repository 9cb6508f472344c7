// safety: out-of-bounds dynamic indices into function-scope arrays, vectors and matrices may only touch the indexed variable; neighbouring locals keep their values.
@group(0) @binding(0) var<storage, read> idx: array<u32>;
@group(0) @binding(1) var<storage, read_write> result: array<u32>;
@group(0) @binding(2) var<storage, read_write> target_buf: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  var before = array<u32, 4>(11u, 12u, 13u, 14u);
  var arr = array<u32, 4>(1u, 2u, 3u, 4u);
  var after = array<u32, 4>(21u, 22u, 23u, 24u);
  var v = vec4<u32>(5u, 6u, 7u, 8u);
  var tail = 99u;
  let k = idx[i];
  arr[k] = 0xdeadu;
  v[k] = 0xbeefu;
  let r = arr[k + 3u] + v[k * 2u];
  result[i] = before[0] + before[1] + before[2] + before[3] + after[0] + after[1] + after[2] + after[3] + tail;
  target_buf[i] = r + arr[0] + arr[3] + v.x + v.w;
}
