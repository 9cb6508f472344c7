// layout: a uniform given as raw bytes is read with the WGSL offsets (vec3<u32> then a packed u32, then vec4<i32> at 16).
struct R {
  v: vec3<u32>, // 0
  s: u32, // 12
  q: vec4<i32>, // 16
}

@group(0) @binding(0) var<uniform> r: R;
@group(0) @binding(1) var<storage, read_write> out: array<i32, 8>;

@compute @workgroup_size(1)
fn main() {
  out[0] = i32(r.v.x);
  out[1] = i32(r.v.y);
  out[2] = i32(r.v.z);
  out[3] = i32(r.s);
  out[4] = r.q.x;
  out[5] = r.q.y - r.q.z;
  out[6] = r.q.w;
  out[7] = i32(r.v.x + r.s);
}
