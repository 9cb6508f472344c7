// numeric builtins asin, acos, atan, atan2 (all quadrants); tolerance: WGSL §Floating Point Accuracy gives atan/atan2 4096 ULP and asin/acos inherited from atan2, so 4096 ULP or 1e-5 abs near zero.
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i]; // in [-0.99, 0.99]
  let y = b[i];
  out[i * 5u] = asin(x);
  out[i * 5u + 1u] = acos(x);
  out[i * 5u + 2u] = atan(y);
  out[i * 5u + 3u] = atan2(y, x);
  out[i * 5u + 4u] = atan2(vec2(-y, x), vec2(-x, 0.5)).x;
}
