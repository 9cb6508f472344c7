// scalar i32: + - * / % unary -, comparisons and abs on in-range values match (truncating division, remainder takes the dividend sign).
@group(0) @binding(0) var<storage, read> a: array<i32>;
@group(0) @binding(1) var<storage, read> b: array<i32>;
@group(0) @binding(2) var<storage, read_write> out: array<i32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  var y = b[i];
  if (y == 0) {
    y = 3;
  }
  let o = i * 8u;
  out[o + 0u] = x + y;
  out[o + 1u] = x - y;
  out[o + 2u] = x * y;
  out[o + 3u] = x / y;
  out[o + 4u] = x % y;
  out[o + 5u] = -x;
  out[o + 6u] = i32(x < y) + i32(x <= y) * 2 + i32(x >= y) * 4 + i32(x > y) * 8;
  out[o + 7u] = abs(x) - abs(y);
}
