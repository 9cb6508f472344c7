// numeric builtins abs, sign, clamp, min, max on f32, i32 and u32 (exact results), including abs(INT_MIN) == INT_MIN and sign(0) == 0.
@group(0) @binding(0) var<storage, read> f: array<f32>;
@group(0) @binding(1) var<storage, read> n: array<i32>;
@group(0) @binding(2) var<storage, read_write> fo: array<f32>;
@group(0) @binding(3) var<storage, read_write> io: array<i32>;
@group(0) @binding(4) var<storage, read_write> uo: array<u32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = f[i];
  let k = n[i];
  let u = u32(k);
  fo[i * 5u] = abs(x);
  fo[i * 5u + 1u] = sign(x);
  fo[i * 5u + 2u] = clamp(x, -0.5, 0.75);
  fo[i * 5u + 3u] = min(x, f[(i + 1u) % 16u]);
  fo[i * 5u + 4u] = max(x, f[(i + 3u) % 16u]);
  io[i * 5u] = abs(k);
  io[i * 5u + 1u] = sign(k);
  io[i * 5u + 2u] = clamp(k, -100, 100);
  io[i * 5u + 3u] = min(k, n[(i + 1u) % 16u]);
  io[i * 5u + 4u] = max(k, n[(i + 3u) % 16u]);
  uo[i * 3u] = clamp(u, 10u, 3000000000u);
  uo[i * 3u + 1u] = min(u, 1000u);
  uo[i * 3u + 2u] = max(u, u32(n[(i + 5u) % 16u]));
}
