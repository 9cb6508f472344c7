// layout: uniform_buffer_standard_layout: a uniform struct lays out as in storage (array<f32, 4> stride 4, array<vec2f> stride 8, a struct member with no 16-byte rounding), filled from workload fields.
struct Inner {
  a: f32,
  b: f32,
  c: f32,
}

struct U {
  k: array<f32, 4>, // offset 0, stride 4
  p: vec3<f32>, // offset 16
  q: f32, // offset 28
  r: array<vec2<f32>, 3>, // offset 32, stride 8
  s: u32, // offset 56
  inner: Inner, // offset 60
  t: f32, // offset 72
  u: array<u32, 3>, // offset 76, stride 4
}

@group(0) @binding(0) var<uniform> params: U;
@group(0) @binding(1) var<storage, read_write> out: array<f32, 24>;

@compute @workgroup_size(1)
fn main() {
  for (var i = 0u; i < 4u; i++) {
    out[i] = params.k[i];
  }
  out[4] = params.p.x;
  out[5] = params.p.y;
  out[6] = params.p.z;
  out[7] = params.q;
  for (var i = 0u; i < 3u; i++) {
    out[8u + 2u * i] = params.r[i].x;
    out[9u + 2u * i] = params.r[i].y;
  }
  out[14] = f32(params.s);
  out[15] = params.inner.a;
  out[16] = params.inner.b;
  out[17] = params.inner.c;
  out[18] = params.t;
  for (var i = 0u; i < 3u; i++) {
    out[19u + i] = f32(params.u[i]);
  }
}
