// safety: writes past the end of a storage array (index up to 4x its length) touch nothing outside the binding; in-bounds results stay right.
@group(0) @binding(0) var<storage, read_write> guard_before: array<u32>;
@group(0) @binding(1) var<storage, read_write> target_buf: array<u32>;
@group(0) @binding(2) var<storage, read_write> guard_after: array<u32>;
@group(0) @binding(3) var<storage, read_write> result: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  target_buf[i] = 0xdead0000u + i; // 16 elements: most of these are out of bounds
  result[i] = i * 3u + guard_before[i % 16u] * 0u + guard_after[i % 16u] * 0u;
}
