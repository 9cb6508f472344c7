// layout: uniform arrays of vec3<f32> (stride 16), of mat2x2<f32> (stride 16), a struct with vec2 members at 8-byte alignment and negative i32 fields, all filled from workload fields.
struct Seg {
  a: vec2<f32>, // 0
  b: vec2<f32>, // 8
  k: i32, // 16 (struct size 24 -> array stride 32 in uniform: rounded to 16)
}

struct U {
  pts: array<vec3<f32>, 3>, // 0, stride 16
  rots: array<mat2x2<f32>, 2>, // 48, stride 16
  segs: array<Seg, 2>, // 80, stride 32
  bias: i32, // 144
}

@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(3)
fn main(@builtin(local_invocation_index) i: u32) {
  let p = u.pts[i];
  let r = u.rots[i % 2u] * p.xy;
  let s = u.segs[i % 2u];
  out[i * 4u] = p.x + p.y * 10.0 + p.z * 100.0;
  out[i * 4u + 1u] = r.x;
  out[i * 4u + 2u] = r.y;
  out[i * 4u + 3u] = dot(s.a, s.b) + f32(s.k) + f32(u.bias);
}
