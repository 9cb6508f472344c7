// scalar u32: wrapping + - * (mod 2^32), / %, ~ & | ^, comparisons on large values.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read> b: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  let y = b[i] | 1u;
  let o = i * 9u;
  out[o + 0u] = x + y;
  out[o + 1u] = x - y;
  out[o + 2u] = x * y;
  out[o + 3u] = x / y;
  out[o + 4u] = x % y;
  out[o + 5u] = ~x;
  out[o + 6u] = (x & y) ^ (x | 0xf0f0u);
  out[o + 7u] = u32(x < y) | (u32(x > y) << 1u) | (u32(x == y) << 2u);
  out[o + 8u] = 0u - x;
}
