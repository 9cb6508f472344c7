// abstract numerics: abstract ints become f32 next to f32 values (vec3(1, 2, 3) * 0.5), abstract arrays and vectors take the concrete type from their use, const abstract values feed u32, i32 and f32 alike.
const BIG = 3000000000; // too big for i32, fine for u32 and f32
const THIRD = 1.0 / 3.0;
const V = vec3(1, 2, 3); // abstract-int vector

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> f: array<f32>;
@group(0) @binding(2) var<storage, read_write> u: array<u32>;

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  let x = a[i];
  let fv = V * 0.5; // vec3<f32> via abstract float
  let arr = array(1, 2.5, 4); // array<abstract-float, 3> -> f32 on use
  f[i * 4u] = fv[i % 3u] + x;
  f[i * 4u + 1u] = arr[i % 3u] * x;
  f[i * 4u + 2u] = x * THIRD + f32(BIG);
  f[i * 4u + 3u] = dot(vec3<f32>(V), vec3(x));
  u[i * 2u] = BIG + i;
  u[i * 2u + 1u] = dot(vec3<u32>(V), vec3(i + 1u)) + u32(V.z);
}
