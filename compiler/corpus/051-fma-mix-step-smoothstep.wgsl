// numeric builtins fma, mix (scalar and vector t), step, smoothstep; tolerance: WGSL §Floating Point Accuracy makes fma/mix/smoothstep "inherited from" their formulas, so fused or unfused rounding both pass (4 ULP / 1e-6 abs).
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<storage, read_write> exact: array<f32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  let y = a[(i + 7u) % 32u];
  let z = a[(i + 13u) % 32u];
  out[i * 5u] = fma(x, y, z);
  out[i * 5u + 1u] = mix(x, y, 0.25);
  out[i * 5u + 2u] = mix(vec2(x, y), vec2(z), vec2(0.5, abs(z))).y;
  out[i * 5u + 3u] = smoothstep(-0.5, 0.5, x);
  out[i * 5u + 4u] = smoothstep(vec2(0.0), vec2(1.0, 2.0), vec2(y, z)).x;
  exact[i * 2u] = step(0.1, x); // step(edge, x) = x >= edge ? 1 : 0
  exact[i * 2u + 1u] = step(x, 0.1);
}
