// bit builtins firstLeadingBit (unsigned; signed: first bit differing from the sign, -1 for 0 and -1) and firstTrailingBit (0 -> all ones / -1).
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> uo: array<u32>;
@group(0) @binding(2) var<storage, read_write> io: array<i32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  let s = bitcast<i32>(x);
  uo[i * 2u] = firstLeadingBit(x);
  uo[i * 2u + 1u] = firstTrailingBit(x);
  io[i * 3u] = firstLeadingBit(s);
  io[i * 3u + 1u] = firstTrailingBit(s);
  io[i * 3u + 2u] = firstLeadingBit(vec2(s, ~s)).y;
}
