// layout: member and component stores (dst[i].a = …, dst[i].b.y = …) into a struct with vec3 members leave the padding bytes untouched.
struct Q {
  a: vec3<f32>, // 0, then 4 bytes padding
  b: vec3<u32>, // 16, then 4 bytes padding (size 32)
}

@group(0) @binding(0) var<storage, read_write> dst: array<Q>;

@compute @workgroup_size(8)
fn main(@builtin(local_invocation_index) i: u32) {
  if (i < 4u) {
    dst[i].a = vec3<f32>(f32(i), 0.5, -2.0);
    dst[i].b.y = i * 7u;
  } else {
    dst[i] = Q(vec3<f32>(1.0, 2.0, f32(i)), vec3<u32>(i));
    dst[i].b.z = 99u;
  }
}
