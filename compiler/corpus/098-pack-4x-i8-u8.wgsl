// packed 4x8 integer builtins: pack4xI8/pack4xU8 (wrap), pack4xI8Clamp/pack4xU8Clamp (saturate), unpack4xI8 (sign-extend), unpack4xU8, dot4I8Packed, dot4U8Packed.
@group(0) @binding(0) var<storage, read> a: array<vec4<i32>>;
@group(0) @binding(1) var<storage, read_write> packed: array<u32>;
@group(0) @binding(2) var<storage, read_write> ints: array<vec4<i32>>;
@group(0) @binding(3) var<storage, read_write> dots: array<i32>;

@compute @workgroup_size(8)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let v = a[i];
  let u = vec4<u32>(v);
  let p0 = pack4xI8(v);
  let p1 = pack4xU8(u);
  let p2 = pack4xI8Clamp(v);
  let p3 = pack4xU8Clamp(u);
  packed[i * 4u] = p0;
  packed[i * 4u + 1u] = p1;
  packed[i * 4u + 2u] = p2;
  packed[i * 4u + 3u] = p3;
  ints[i * 2u] = unpack4xI8(p0);
  ints[i * 2u + 1u] = vec4<i32>(unpack4xU8(p1));
  dots[i * 2u] = dot4I8Packed(p2, packed[0]);
  dots[i * 2u + 1u] = i32(dot4U8Packed(p3, 0x01020304u));
}
