// integer semantics: shift amounts are masked to 5 bits (x << 33 == x << 1), >> is arithmetic on i32 and logical on u32, << on i32 wraps into the sign bit.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read> s: array<u32>;
@group(0) @binding(2) var<storage, read_write> uo: array<u32>;
@group(0) @binding(3) var<storage, read_write> io: array<i32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  let n = s[i];
  let y = bitcast<i32>(x);
  uo[i * 3u] = x << n;
  uo[i * 3u + 1u] = x >> n;
  uo[i * 3u + 2u] = (vec2(x) << vec2(n, n + 1u)).y;
  io[i * 3u] = y << n;
  io[i * 3u + 1u] = y >> n;
  var z = y;
  z >>= n + 32u;
  io[i * 3u + 2u] = z;
}
