// atomics: atomicAnd, atomicOr, atomicXor combine every invocation's bits, independent of order.
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read_write> bits: array<atomic<u32>, 3>;
@group(0) @binding(2) var<storage, read_write> sbits: array<atomic<i32>, 1>;

@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let v = a[g.x];
  atomicAnd(&bits[0], v | 0x0f0f0f0fu);
  atomicOr(&bits[1], v & 0x00ff00ffu);
  atomicXor(&bits[2], v);
  atomicXor(&sbits[0], bitcast<i32>(v));
}
