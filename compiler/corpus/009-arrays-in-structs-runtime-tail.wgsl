// layout: fixed arrays inside structs (stride 4 for u32 in storage), a struct-typed runtime-sized array as the last member at its aligned offset.
struct B {
  n: u32, // 0
  xs: array<u32, 3>, // 4
  tail: u32, // 16
  pts: array<vec2<u32>, 2>, // 24 (size 40)
}

struct Buf {
  count: u32, // 0
  items: array<B>, // 8 (align 8), stride 40
}

@group(0) @binding(0) var<storage, read> src: Buf;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

@compute @workgroup_size(4)
fn main(@builtin(local_invocation_index) i: u32) {
  let b = src.items[i];
  out[i * 4u + 0u] = b.n + src.count;
  out[i * 4u + 1u] = b.xs[0] + b.xs[1] * 2u + b.xs[2] * 3u;
  out[i * 4u + 2u] = b.tail;
  out[i * 4u + 3u] = b.pts[0].x * b.pts[1].y + b.pts[0].y - b.pts[1].x;
}
