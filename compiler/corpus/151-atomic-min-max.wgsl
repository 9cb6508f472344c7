// atomics: atomicMin and atomicMax on u32 and i32 (signed comparison for i32) from many invocations.
@group(0) @binding(0) var<storage, read> a: array<i32>;
@group(0) @binding(1) var<storage, read_write> us: array<atomic<u32>, 2>;
@group(0) @binding(2) var<storage, read_write> ss: array<atomic<i32>, 2>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let v = a[g.x];
  atomicMin(&us[0], u32(v)); // negative values are huge as u32
  atomicMax(&us[1], u32(v));
  atomicMin(&ss[0], v);
  atomicMax(&ss[1], v);
}
