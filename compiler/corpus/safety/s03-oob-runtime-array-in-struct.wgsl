// safety: indexing the runtime-sized tail of a storage struct past the binding end (n + k) stays inside the binding.
struct Buf {
  n: u32,
  pad: u32,
  data: array<vec2<u32>>,
}

@group(0) @binding(0) var<storage, read_write> guard_before: array<u32>;
@group(0) @binding(1) var<storage, read_write> buf: Buf;
@group(0) @binding(2) var<storage, read_write> guard_after: array<u32>;
@group(0) @binding(3) var<storage, read_write> result: array<u32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let n = arrayLength(&buf.data); // 7 elements fit; write well past them
  buf.data[n + i * 5u] = vec2(0xbad0u + i, i);
  result[i] = n * 2u + i + guard_before[i % 4u] * 0u + guard_after[i % 4u] * 0u;
}
