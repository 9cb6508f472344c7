// layout: uniform mat3x3 (columns 16 bytes apart), vec3 followed by a packed f32, mat2x2 at 8-byte alignment, filled from column arrays.
struct U {
  m: mat3x3<f32>, // 0, size 48
  v: vec3<f32>, // 48
  k: f32, // 60
  m2: mat2x2<f32>, // 64
  off: vec2<f32>, // 80
  n: u32, // 88 (size 96)
}

@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read_write> out: array<f32, 8>;

@compute @workgroup_size(1)
fn main() {
  let a = u.m * u.v;
  let b = u.m2 * u.off;
  out[0] = a.x;
  out[1] = a.y;
  out[2] = a.z;
  out[3] = b.x;
  out[4] = b.y;
  out[5] = u.k;
  out[6] = f32(u.n);
  out[7] = u.m[2][1];
}
