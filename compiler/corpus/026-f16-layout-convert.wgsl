// f16 layout and conversion: vec3<f16> is 6 bytes with 8-byte alignment in structs; f32(f16) exact, f16(f32) rounds to nearest even; needs shader-f16.
enable f16;

struct H {
  v: vec3<f16>, // 0, size 6
  s: f16, // 6
  w: vec2<f16>, // 8 (size 12 -> 16 with align 8)
}

@group(0) @binding(0) var<storage, read> src: array<H>;
@group(0) @binding(1) var<storage, read_write> wide: array<f32>;
@group(0) @binding(2) var<storage, read_write> narrow: array<H>;

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  let h = src[i];
  wide[i * 6u + 0u] = f32(h.v.x);
  wide[i * 6u + 1u] = f32(h.v.y);
  wide[i * 6u + 2u] = f32(h.v.z);
  wide[i * 6u + 3u] = f32(h.s);
  wide[i * 6u + 4u] = f32(h.w.x) + f32(h.w.y);
  wide[i * 6u + 5u] = f32(f16(f32(h.s) / 3.0));
  narrow[i] = H(h.v.zxy, h.s * 2.0h, vec2<f16>(f16(f32(i) + 0.333)));
}
