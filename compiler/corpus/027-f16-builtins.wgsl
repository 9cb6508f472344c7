// f16 builtins (enable f16): abs, clamp, min/max, sqrt, fma, dot and length on vec4<f16>, f16 <-> i32 conversion; needs shader-f16 (tolerance: default f16, 2 ULP).
enable f16;

@group(0) @binding(0) var<storage, read> a: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> out: array<f16>;
@group(0) @binding(2) var<storage, read_write> ints: array<i32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let v = a[i];
  let w = a[(i + 1u) % 8u];
  out[i * 6u] = abs(v.x) + clamp(v.y, -1.0h, 1.0h);
  out[i * 6u + 1u] = max(v.z, w.z) - min(v.w, w.w);
  out[i * 6u + 2u] = sqrt(abs(v.x) + 1.0h);
  out[i * 6u + 3u] = fma(v.x, w.y, v.z);
  out[i * 6u + 4u] = dot(v, w);
  out[i * 6u + 5u] = length(v.xy);
  ints[i] = i32(v.x * 100.0h) + i32(f16(i) * 0.5h);
}
