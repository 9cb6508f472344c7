// bit builtin extractBits: unsigned zero-extends, signed sign-extends; offset and count are clamped (o = min(offset, 32), c = min(count, 32 - o)); count 0 gives 0.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read> oc: array<vec2<u32>>;
@group(0) @binding(2) var<storage, read_write> uo: array<u32>;
@group(0) @binding(3) var<storage, read_write> io: array<i32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  for (var k = 0u; k < 12u; k++) {
    let x = a[(i + k) % 16u];
    let o = oc[k].x;
    let c = oc[k].y;
    uo[i * 12u + k] = extractBits(x, o, c);
    io[i * 12u + k] = extractBits(bitcast<i32>(x), o, c);
  }
}
