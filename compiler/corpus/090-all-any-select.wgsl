// logical builtins all, any (vector and scalar bool forms) and select (scalar condition, vector condition, on f32/i32/u32/bool/vectors).
@group(0) @binding(0) var<storage, read> a: array<vec4<i32>>;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<i32>>;
@group(0) @binding(2) var<storage, read_write> flags: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let v = a[i];
  let pos = v > vec4(0);
  out[i * 2u] = select(-v, v, pos); // component-wise abs
  out[i * 2u + 1u] = select(vec4(1, 2, 3, 4), vec4(5, 6, 7, 8), all(pos));
  let b = select(false, true, any(pos));
  let f = select(0.5, 1.5, v.x == 0);
  flags[i] = u32(all(pos)) | (u32(any(pos)) << 1u) | (u32(b) << 2u) | (u32(all(true)) << 3u) | (u32(any(v.y > 3)) << 4u) | (u32(f * 2.0) << 5u) | (select(0u, 1u, all(pos.xy)) << 8u);
}
