// bit builtin reverseBits on u32, i32 and vectors.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> uo: array<u32>;
@group(0) @binding(2) var<storage, read_write> io: array<i32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  uo[i * 2u] = reverseBits(x);
  uo[i * 2u + 1u] = reverseBits(vec3(x, x + 1u, 0u)).y;
  io[i] = reverseBits(bitcast<i32>(x)) >> 3u;
}
