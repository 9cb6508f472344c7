// safety: reads far past the end of a storage array (and of a read-only one) return some value without faulting or touching other bindings; in-bounds reads are exact.
@group(0) @binding(0) var<storage, read_write> guard_before: array<u32>;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> guard_after: array<u32>;
@group(0) @binding(3) var<storage, read_write> target_buf: array<u32>;
@group(0) @binding(4) var<storage, read_write> result: array<u32>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  target_buf[i] = src[i + 1000000u] + guard_before[i + 16u]; // both out of bounds
  result[i] = src[i % 8u] + guard_after[i % 16u];
}
