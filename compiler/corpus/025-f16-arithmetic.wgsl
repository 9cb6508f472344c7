// scalar f16 (enable f16): + - * / on f16 values round to binary16; f16 literals with h suffix; needs shader-f16.
enable f16;

@group(0) @binding(0) var<storage, read> a: array<f16>;
@group(0) @binding(1) var<storage, read_write> out: array<f16>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  let y = a[(i + 1u) % 16u];
  out[i * 4u + 0u] = x + y;
  out[i * 4u + 1u] = x * y - 0.5h;
  out[i * 4u + 2u] = x / (abs(y) + 1.0h);
  out[i * 4u + 3u] = max(x, y) * 2.0h;
}
