// vectors: component-wise arithmetic with scalar operands on either side, vector comparisons to vec<bool>, select with a vec<bool> mask, any/all.
@group(0) @binding(0) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> b: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> out: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> masks: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(local_invocation_index) i: u32) {
  let x = a[i];
  let y = b[i];
  let lt = x < y;
  out[i * 3u] = 2.0 * x - y / 4.0 + 1.0;
  out[i * 3u + 1u] = select(y, x, lt);
  out[i * 3u + 2u] = x * y - vec4(0.5) * (x + y);
  let m = vec4<u32>(lt);
  masks[i] = m.x | (m.y << 1u) | (m.z << 2u) | (m.w << 3u) | (u32(any(lt)) << 4u) | (u32(all(lt)) << 5u) | (u32(all(x == x)) << 6u);
}
