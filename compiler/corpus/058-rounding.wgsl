// numeric builtins floor, ceil, round (half to even: round(2.5) == 2, round(-0.5) == -0), trunc, fract (x - floor(x)) on exact halves and negatives.
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  out[i * 5u] = floor(x);
  out[i * 5u + 1u] = ceil(x);
  out[i * 5u + 2u] = round(x);
  out[i * 5u + 3u] = trunc(x);
  out[i * 5u + 4u] = fract(x);
}
