// safety: a negative i32 index (and INT_MIN) into a storage array neither faults nor writes outside the binding.
@group(0) @binding(0) var<storage, read_write> guard_before: array<u32>;
@group(0) @binding(1) var<storage, read_write> target_buf: array<u32>;
@group(0) @binding(2) var<storage, read_write> guard_after: array<u32>;
@group(0) @binding(3) var<storage, read> idx: array<i32>;
@group(0) @binding(4) var<storage, read_write> result: array<u32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let k = idx[i];
  target_buf[k] = u32(i) + 100u;
  result[i] = u32(k + 10) + guard_before[0] * 0u + guard_after[0] * 0u;
}
