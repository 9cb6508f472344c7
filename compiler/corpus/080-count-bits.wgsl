// bit builtins countOneBits, countLeadingZeros, countTrailingZeros on u32, i32 and vectors, including 0 (-> 32 leading/trailing zeros) and all-ones.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@group(0) @binding(2) var<storage, read_write> io: array<i32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  let s = bitcast<i32>(x);
  out[i * 4u] = countOneBits(x);
  out[i * 4u + 1u] = countLeadingZeros(x);
  out[i * 4u + 2u] = countTrailingZeros(x);
  out[i * 4u + 3u] = dot(countOneBits(vec2(x, ~x)), vec2(1u, 100u));
  io[i * 3u] = countOneBits(s);
  io[i * 3u + 1u] = countLeadingZeros(s);
  io[i * 3u + 2u] = countTrailingZeros(vec3(s, -s, s >> 1u)).y;
}
