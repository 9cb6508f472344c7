// float % is x - y * trunc(x / y): the result takes the sign of x (like C fmod), for f32 scalars and vectors.
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  let y = b[i];
  out[i * 3u] = x % y;
  out[i * 3u + 1u] = (vec2(x, -x) % vec2(y)).y;
  var z = x;
  z %= 0.75;
  out[i * 3u + 2u] = z;
}
