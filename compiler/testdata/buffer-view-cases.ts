/**
 * Kernels of the `buffer_view` language feature (buffer<N>, bufferView, bufferArrayView,
 * bufferLength), run on g++ by compiler/buffer-view.test.ts and compiled by nvcc in
 * compiler/emit.nvcc.test.ts. `expect` lists u32 words of binding `out` after one workgroup;
 * `sizes` and `init` give other bindings their bytes and u32 words.
 */
export interface BufferViewCase {
  name: string;
  wgsl: string;
  expect: number[];
  sizes?: Record<string, number>;
  init?: Record<string, number[]>;
}

const OUT = '@group(0) @binding(0) var<storage, read_write> out: array<u32>;';

export const BUFFER_VIEW_CASES: BufferViewCase[] = [
  {
    name: 'views of a storage buffer<128>: arrayLength of each, clamped indices, shared bytes',
    wgsl: `${OUT}
@group(0) @binding(1) var<storage, read_write> v : buffer<128>;
@compute @workgroup_size(1) fn main() {
  let p = bufferArrayView<array<u32>>(&v, 0, 32);
  p[0] = 2u;
  var i = 20u;
  p[i] = 3u; // past the view's 8 elements: clamps to p[7]
  let q = bufferView<array<u32>>(&v, 16);
  q[1] = 9u;
  out[0] = bufferLength(&v);
  out[1] = arrayLength(p);
  out[2] = arrayLength(q);
  let w = bufferView<array<u32, 32>>(&v, 0);
  out[3] = w[0];
  out[4] = w[5];
  out[5] = w[7];
}`,
    expect: [128, 8, 28, 2, 9, 3],
  },
  {
    name: 'an unsized buffer: a struct view with a runtime-sized tail, bufferLength through a parameter',
    wgsl: `${OUT}
@group(0) @binding(1) var<storage, read_write> v : buffer;
struct S { a: vec4f, b: array<u32> }
fn len(p: ptr<storage, buffer, read_write>) -> u32 { return bufferLength(p); }
@compute @workgroup_size(1) fn main() {
  let s = bufferArrayView<S>(&v, 32, 48);
  s.a = vec4f(1.5, 0.0, 0.0, 0.0);
  s.b[1] = 5u;
  out[0] = arrayLength(&s.b);
  out[1] = len(&v);
  let f = bufferView<array<u32, 16>>(&v, 32);
  out[2] = f[0];
  out[3] = f[5];
}`,
    sizes: { v: 96 },
    expect: [8, 96, 0x3fc00000, 5],
  },
  {
    name: 'workgroup buffer<64> through a smaller buffer<32> parameter; a struct view of a uniform buffer',
    wgsl: `${OUT}
@group(0) @binding(1) var<uniform> u : buffer<64>;
var<workgroup> w : buffer<64>;
struct T { a: vec4u, b: vec3u, c: vec2u }
fn foo(p : ptr<workgroup, buffer<32>>) -> u32 {
  let p2 = bufferView<vec2u>(p, 8);
  p2.y = 7u;
  return bufferLength(p);
}
@compute @workgroup_size(1) fn main() {
  out[0] = foo(&w);
  out[1] = bufferView<array<u32, 16>>(&w, 0)[3];
  out[2] = bufferView<T>(&u, 0).c.y;
  out[3] = bufferLength(&u);
}`,
    init: { u: Array.from({ length: 16 }, (_, i) => 100 + i) },
    expect: [32, 7, 109, 64],
  },
  {
    // Tint robustness.cc ClampBufferViewArgs: an offset (or size) that would pass bufferLength moves
    // the view to offset 0 with the type's minimum size; Duet rounds a run-time offset down to the
    // type's alignment first.
    name: 'hostile run-time offsets and sizes stay inside the buffer',
    wgsl: `${OUT}
@group(0) @binding(1) var<storage, read_write> v : buffer<64>;
@compute @workgroup_size(1) fn main() {
  let big = out[0];
  let neg = i32(out[1]);
  let a = bufferView<vec4u>(&v, big);
  a.x = 11u;
  let b = bufferArrayView<array<u32>>(&v, 16u, big);
  out[2] = arrayLength(b);
  b[3] = 12u;
  let c = bufferView<vec4u>(&v, neg);
  out[3] = c.x;
  let d = bufferView<u32>(&v, 61u + out[6]);
  *d = 13u;
  out[4] = bufferView<array<u32, 16>>(&v, 0)[15];
  let e = bufferView<vec4u>(&v, 64u + out[6]);
  out[5] = e.x;
}`,
    init: { out: [0xfffffff0, 0xfffffff0, 0, 0, 0, 0, 0] },
    expect: [0xfffffff0, 0xfffffff0, 1, 12, 13, 12, 0],
  },
  {
    // bufferfuzz program 1024: Tint rounds a run-time size down to whole elements before the clamp
    // (propagate_buffer_sizes.cc AdjustOperands), so offset 24 and size 11 of a 32-byte buffer is the
    // view [24, 32): it fits, and index 1000 clamps to its last element, word 7 (not word 0).
    name: 'a run-time bufferArrayView size rounds down to whole elements before the clamp',
    wgsl: `${OUT}
@group(0) @binding(1) var<storage, read_write> v : buffer;
struct H { a: vec4u, t: array<vec2u> }
@compute @workgroup_size(1) fn main() {
  let a = bufferArrayView<array<u32>>(&v, 24u, out[0]);
  a[out[1]] = 6u;
  out[2] = arrayLength(a);
  let h = bufferArrayView<H>(&v, 0u, out[3]);
  out[4] = arrayLength(&h.t);
  out[5] = bufferView<array<u32, 8>>(&v, 0)[7];
}`,
    sizes: { v: 32 },
    init: { out: [11, 1000, 0, 31, 0, 0] },
    expect: [11, 1000, 2, 31, 1, 6],
  },
];
