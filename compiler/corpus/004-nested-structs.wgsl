// layout: nested structs and arrays of structs inside structs get 16-byte alignment from their vec3 members; reads and writes hit the right offsets and keep padding.
struct Inner {
  x: f32, // 0
  v: vec3<f32>, // 16 (size 32)
}

struct Outer {
  head: f32, // 0
  inner: Inner, // 16
  arr: array<Inner, 2>, // 48, stride 32
  tail: vec2<f32>, // 112 (size 128)
}

@group(0) @binding(0) var<storage, read> src: array<Outer>;
@group(0) @binding(1) var<storage, read_write> flat: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<Outer>;

@compute @workgroup_size(2)
fn main(@builtin(local_invocation_index) i: u32) {
  let o = src[i];
  let b = i * 15u;
  flat[b + 0u] = o.head;
  flat[b + 1u] = o.inner.x;
  flat[b + 2u] = o.inner.v.x;
  flat[b + 3u] = o.inner.v.y;
  flat[b + 4u] = o.inner.v.z;
  for (var k = 0u; k < 2u; k++) {
    flat[b + 5u + k * 4u] = o.arr[k].x;
    flat[b + 6u + k * 4u] = o.arr[k].v.x;
    flat[b + 7u + k * 4u] = o.arr[k].v.y;
    flat[b + 8u + k * 4u] = o.arr[k].v.z;
  }
  flat[b + 13u] = o.tail.x;
  flat[b + 14u] = o.tail.y;
  var w = o;
  w.head = -o.head;
  w.arr[1].v = o.inner.v.zyx;
  w.inner = o.arr[0];
  dst[i] = w;
}
