// numeric builtins modf and frexp return result structs (.fract/.whole, .fract/.exp; scalar and vector forms) and ldexp scales by 2^e; all exact.
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> fo: array<f32>;
@group(0) @binding(2) var<storage, read_write> eo: array<i32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  let m = modf(x);
  let f = frexp(x);
  let mv = modf(vec2(x, -x));
  let fv = frexp(vec3(x, x * 8.0, 0.75));
  fo[i * 6u] = m.fract;
  fo[i * 6u + 1u] = m.whole;
  fo[i * 6u + 2u] = f.fract;
  fo[i * 6u + 3u] = mv.whole.y + mv.fract.y;
  fo[i * 6u + 4u] = fv.fract.y;
  fo[i * 6u + 5u] = ldexp(x, i32(i) - 8);
  eo[i * 2u] = f.exp;
  eo[i * 2u + 1u] = fv.exp.y * 100 + fv.exp.z;
}
