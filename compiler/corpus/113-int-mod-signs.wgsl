// integer semantics: i32 % takes the sign of the dividend (-7 % 3 == -1, 7 % -3 == 1) and / truncates toward zero.
@group(0) @binding(0) var<storage, read> a: array<vec2<i32>>;
@group(0) @binding(1) var<storage, read_write> out: array<i32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let p = a[i];
  out[i * 2u] = p.x % p.y;
  out[i * 2u + 1u] = p.x / p.y;
}
