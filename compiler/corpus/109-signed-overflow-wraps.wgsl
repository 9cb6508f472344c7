// integer semantics: signed + - * and unary - wrap modulo 2^32 (INT_MAX + 1 == INT_MIN, -INT_MIN == INT_MIN), also for ++/-- and compound assignment.
@group(0) @binding(0) var<storage, read> a: array<i32>;
@group(0) @binding(1) var<storage, read_write> out: array<i32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  out[i * 6u] = x + 2147483647;
  out[i * 6u + 1u] = x - 2147483647 - 2;
  out[i * 6u + 2u] = x * 65537;
  out[i * 6u + 3u] = -x;
  var y = x;
  y++;
  y *= 3;
  out[i * 6u + 4u] = y;
  var v = vec2(x, -x) * vec2(2147483647);
  v += vec2(1);
  out[i * 6u + 5u] = v.x ^ v.y;
}
