// integer semantics: INT_MIN / -1 == INT_MIN and INT_MIN % -1 == 0 (divisor replaced by 1), scalar and vector.
@group(0) @binding(0) var<storage, read> a: array<i32>;
@group(0) @binding(1) var<storage, read> d: array<i32>;
@group(0) @binding(2) var<storage, read_write> out: array<i32>;

@compute @workgroup_size(4)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  let y = d[i];
  out[i * 4u] = x / y;
  out[i * 4u + 1u] = x % y;
  let v = vec2(x, x + 1) / vec2(y);
  let m = vec2(x, 9) % vec2(y, y);
  out[i * 4u + 2u] = v.x + v.y;
  out[i * 4u + 3u] = m.x * 1000 + m.y;
}
