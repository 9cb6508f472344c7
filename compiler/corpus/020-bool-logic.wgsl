// scalar bool: !, &&, ||, ==, != on bools, bool<->u32/i32/f32 conversions (bool(x) is x != 0), & and | on bools.
@group(0) @binding(0) var<storage, read> a: array<i32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(16)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let x = a[i];
  let p = bool(x); // x != 0
  let q = x > 2;
  let r = bool(f32(x) * 0.5);
  var bits = 0u;
  bits |= u32(p);
  bits |= u32(q) << 1u;
  bits |= u32(p && q) << 2u;
  bits |= u32(p || q) << 3u;
  bits |= u32(!p) << 4u;
  bits |= u32(p == q) << 5u;
  bits |= u32(p != q) << 6u;
  bits |= u32(p & r) << 7u;
  bits |= u32(p | !q) << 8u;
  bits |= u32(i32(q) + i32(r) * 2 + 5) << 9u;
  bits |= u32(f32(q) * 4.0) << 13u;
  out[i] = bits;
}
