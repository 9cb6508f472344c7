// vectors: construction from mixed parts, splats, swizzles (xyzw and rgba, repeated lanes), single-lane assignment and dynamic lane indexing.
@group(0) @binding(0) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<f32>>;

@compute @workgroup_size(8)
fn main(@builtin(local_invocation_index) i: u32) {
  let v = a[i];
  var w = vec4<f32>(v.zw, v.xy);
  w.x = v.r + v.a;
  w[i % 4u] = w[(i + 1u) % 4u] * 2.0;
  let s = vec3(v.x); // splat
  let t = vec4(s.xy, 1.0, v.y).wzyx;
  out[i * 4u + 0u] = w;
  out[i * 4u + 1u] = t + v.xxyy;
  out[i * 4u + 2u] = vec4<f32>(v.bgr, v.g);
  out[i * 4u + 3u] = vec4<f32>(vec2<f32>(v.w, 2.0), vec2(-1.0)) * v.yyzz;
}
