// layout: array<vec3<T>> has stride 16; the 4th word of every element is padding that a store must not overwrite.
@group(0) @binding(0) var<storage, read> src: array<vec3<f32>>;
@group(0) @binding(1) var<storage, read_write> ints: array<vec3<u32>>;
@group(0) @binding(2) var<storage, read_write> sums: array<f32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  ints[i] = vec3<u32>(i, i * 2u, i * 3u + 1u);
  let v = src[i];
  sums[i] = v.x + v.y * 10.0 + v.z * 100.0;
}
