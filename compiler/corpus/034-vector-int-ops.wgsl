// integer vectors: vec3<i32>/vec4<u32> arithmetic, component-wise / and %, shifts by a vector, bit ops, conversion between vector types.
@group(0) @binding(0) var<storage, read> a: array<vec4<i32>>;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<i32>>;
@group(0) @binding(2) var<storage, read_write> uout: array<vec4<u32>>;

@compute @workgroup_size(8)
fn main(@builtin(local_invocation_index) i: u32) {
  let v = a[i];
  let d = vec4<i32>(3, -4, 5, -7);
  out[i * 3u] = v / d;
  out[i * 3u + 1u] = v % d;
  out[i * 3u + 2u] = vec4<i32>(v.xyz * 3 - v.zxy, v.w ^ 0x55);
  let u = vec4<u32>(v);
  uout[i * 2u] = (u << vec4<u32>(1u, 2u, 3u, 4u)) | (u >> vec4<u32>(28u));
  uout[i * 2u + 1u] = vec4<u32>(vec4<f32>(abs(v)) * 0.5);
}
