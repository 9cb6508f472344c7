// scalar f32: + - * / and negation are correctly rounded IEEE binary32 operations; comparisons are exact.
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<storage, read_write> cmp: array<u32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  let y = b[i];
  out[i * 5u + 0u] = x + y;
  out[i * 5u + 1u] = x - y;
  out[i * 5u + 2u] = x * y;
  out[i * 5u + 3u] = x / y;
  out[i * 5u + 4u] = -x * 0.5 + 1.0 / 3.0;
  cmp[i] = u32(x < y) | (u32(x <= y) << 1u) | (u32(x == y) << 2u) | (u32(x != y) << 3u) | (u32(x > 0.0) << 4u);
}
