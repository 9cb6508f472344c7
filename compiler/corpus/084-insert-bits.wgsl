// bit builtin insertBits on u32, i32 and vectors; offset and count are clamped like extractBits, count 0 leaves e unchanged.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read> oc: array<vec2<u32>>;
@group(0) @binding(2) var<storage, read_write> uo: array<u32>;
@group(0) @binding(3) var<storage, read_write> io: array<i32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  for (var k = 0u; k < 12u; k++) {
    let e = a[i];
    let n = a[(i + k + 1u) % 16u];
    let o = oc[k].x;
    let c = oc[k].y;
    uo[i * 12u + k] = insertBits(e, n, o, c);
    io[i * 12u + k] = insertBits(vec2(bitcast<i32>(e)), vec2(bitcast<i32>(n)), o, c).y;
  }
}
