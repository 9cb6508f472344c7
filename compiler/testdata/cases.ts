/**
 * Small WGSL kernels, one construct (or a few related ones) each. Used by the snapshot tests, the nvcc
 * and g++ compile checks, and the CPU execution tests (`expect` lists u32 words of binding `out`
 * after running `dispatch` workgroups, when given).
 */
export interface TranslatorCase {
  name: string;
  wgsl: string;
  /** Run on the CPU backend and compare `out` (u32 words, or f32 when `expectF32`). */
  expect?: number[];
  expectF32?: number[];
  dispatch?: number;
  /** Initial u32 words of `out` (zeros otherwise). */
  initOut?: number[];
}

import { LANGUAGE_FEATURE_CASES } from './language-feature-cases';

const OUT_U32 = '@group(0) @binding(0) var<storage, read_write> out: array<u32>;';
const OUT_F32 = '@group(0) @binding(0) var<storage, read_write> out: array<f32>;';

export const CASES: TranslatorCase[] = [
  {
    name: 'integer division and modulo by zero, INT_MIN / -1',
    wgsl: `${OUT_U32}
@compute @workgroup_size(1) fn main() {
  var zero = 0;
  var m1 = -1;
  var imin = -2147483647 - 1;
  var uz = 0u;
  out[0] = u32(7 / zero);
  out[1] = u32(7 % zero);
  out[2] = u32(imin / m1);
  out[3] = u32(imin % m1);
  out[4] = 9u / uz;
  out[5] = 9u % uz;
  out[6] = u32(i32(-7 / 2)); // u32(-3) of an AbstractInt is a shader-creation error (WGSL u32(e))
  out[7] = u32(i32(-7 % 2));
}`,
    expect: [7, 0, 0x80000000, 0, 9, 0, 0xfffffffd, 0xffffffff],
  },
  {
    name: 'shifts are masked and signed arithmetic wraps',
    wgsl: `${OUT_U32}
@compute @workgroup_size(1) fn main() {
  var s = 33u;
  var big = 2147483647;
  var one = 1u;
  out[0] = one << s;
  out[1] = u32(big + 1);
  out[2] = u32(-1 >> s);
  out[3] = u32(big * 2);
  var x = 5;
  x++;
  x += 10;
  x -= 1;
  x *= 3;
  out[4] = u32(x);
}`,
    expect: [2, 0x80000000, 0xffffffff, 0xfffffffe, 45],
  },
  {
    name: 'float to int conversions saturate',
    wgsl: `${OUT_U32}
@compute @workgroup_size(1) fn main() {
  var big = 3e9;
  var neg = -3e9;
  var nz = -1.5;
  out[0] = u32(i32(big));
  out[1] = u32(i32(neg));
  out[2] = u32(big * 2.0);
  out[3] = u32(nz);
  out[4] = u32(i32(nz));
}`,
    expect: [0x7fffff80, 0x80000000, 0xffffff00, 0, 0xffffffff],
  },
  {
    name: 'float modulo truncates',
    wgsl: `${OUT_F32}
@compute @workgroup_size(1) fn main() {
  var a = -7.5;
  var b = 2.0;
  out[0] = a % b;
  out[1] = 7.5 % b;
}`,
    expectF32: [-1.5, 1.5],
  },
  {
    name: 'clamped indexing of runtime and fixed arrays',
    wgsl: `${OUT_U32}
@compute @workgroup_size(1) fn main() {
  var arr = array<u32, 4>(10u, 20u, 30u, 40u);
  var i = -1;
  var j = 100u;
  out[0] = arr[i];
  out[1] = arr[j];
  out[j] = 77u;
  out[2] = arrayLength(&out);
}`,
    expect: [40, 40, 4, 77],
  },
  {
    name: 'loop with continuing, break if and continue',
    wgsl: `${OUT_U32}
@compute @workgroup_size(1) fn main() {
  var i = 0u;
  var sum = 0u;
  loop {
    let k = i * 2u;
    i++;
    if (k == 4u) { continue; }
    sum += k;
    continuing {
      let done = k >= 10u;
      break if done;
    }
  }
  out[0] = sum;
  out[1] = i;
}`,
    expect: [26, 6],
  },
  {
    name: 'for, while, switch with continue inside switch',
    wgsl: `${OUT_U32}
@compute @workgroup_size(1) fn main() {
  var acc = 0u;
  for (var i = 0u; i < 6u; i++) {
    switch (i) {
      case 1u, 3u: { continue; }
      case 4u: { acc += 100u; }
      default: { acc += i; }
    }
    acc += 1000u;
  }
  var n = 0u;
  while (n < 5u) { n += 2u; }
  out[0] = acc;
  out[1] = n;
}`,
    expect: [4107, 6],
  },
  {
    name: 'vectors, swizzles and component-wise builtins',
    wgsl: `${OUT_F32}
@compute @workgroup_size(1) fn main() {
  var v = vec3<f32>(1.0, 2.0, 3.0);
  let w = vec4f(v.zyx, 4.0);
  v.y = 10.0;
  let m = max(v, vec3(2.5));
  out[0] = w.x;
  out[1] = v.y;
  out[2] = dot(m, vec3f(1.0));
  out[3] = length(vec2f(3.0, 4.0));
  out[4] = clamp(7.0, 0.0, 5.0);
  out[5] = select(1.0, 2.0, v.x < v.z);
  out[6] = fract(-0.25);
  out[7] = round(2.5);
}`,
    expectF32: [3, 10, 15.5, 5, 5, 2, 0.75, 2],
  },
  {
    name: 'structs with vec3 padding, nested structs and arrays',
    wgsl: `struct Inner { a: vec3<f32>, b: f32 }
struct Outer { i: Inner, arr: array<vec3<f32>, 2>, n: u32 }
${OUT_F32}
@group(0) @binding(1) var<storage, read_write> data: array<Outer>;
@compute @workgroup_size(1) fn main() {
  var o: Outer;
  o.i = Inner(vec3f(1.0, 2.0, 3.0), 4.0);
  o.arr[1] = vec3f(5.0, 6.0, 7.0);
  o.n = 9u;
  data[0] = o;
  let back = data[0];
  out[0] = back.i.b;
  out[1] = back.arr[1].z;
  out[2] = f32(back.n);
  out[3] = f32(arrayLength(&data));
}`,
    expectF32: [4, 7, 9, 1],
  },
  {
    name: 'matrices are column-major',
    wgsl: `${OUT_F32}
@compute @workgroup_size(1) fn main() {
  let m = mat2x2<f32>(vec2f(1.0, 2.0), vec2f(3.0, 4.0));
  let v = m * vec2f(1.0, 1.0);
  let t = transpose(m);
  let m3 = mat3x3f(1.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 3.0);
  out[0] = v.x;
  out[1] = v.y;
  out[2] = t[0][1];
  out[3] = determinant(m3);
  out[4] = (m * m)[1][1];
}`,
    expectF32: [4, 6, 3, 6, 22],
  },
  {
    name: 'atomics including compare-exchange',
    wgsl: `@group(0) @binding(0) var<storage, read_write> out: array<atomic<u32>>;
@compute @workgroup_size(64) fn main(@builtin(local_invocation_index) li: u32) {
  atomicAdd(&out[0], 1u);
  atomicMax(&out[1], li);
  let r = atomicCompareExchangeWeak(&out[2], 0u, 5u);
  if (r.exchanged) { atomicAdd(&out[3], 1u); }
  atomicOr(&out[4], 1u << (li % 32u));
}`,
    expect: [64, 63, 5, 1, 0xffffffff],
  },
  {
    name: 'workgroup memory, barrier and workgroupUniformLoad',
    wgsl: `${OUT_U32}
var<workgroup> shared_sum: atomic<u32>;
var<workgroup> flag: u32;
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  atomicAdd(&shared_sum, li);
  if (li == 0u) { flag = 7u; }
  workgroupBarrier();
  let f = workgroupUniformLoad(&flag);
  if (li == 0u) { out[wid.x] = atomicLoad(&shared_sum) + f; }
}`,
    dispatch: 2,
    expect: [503, 503],
  },
  {
    name: 'functions, pointers, private variables and left-to-right evaluation',
    wgsl: `${OUT_U32}
var<private> counter: u32 = 10u;
fn bump(p: ptr<function, u32>) -> u32 { *p = *p + 1u; return *p; }
fn next() -> u32 { counter = counter * 2u; return counter; }
@compute @workgroup_size(1) fn main() {
  var x = 1u;
  let a = x + bump(&x);
  let b = counter + next();
  out[0] = a;
  out[1] = b;
  out[2] = x;
  out[3] = next() - next();
}`,
    expect: [3, 30, 2, 0xffffffd8],
  },
  {
    name: 'short-circuit with side effects on the right',
    wgsl: `${OUT_U32}
var<private> calls: u32;
fn t() -> bool { calls += 1u; return true; }
@compute @workgroup_size(1) fn main() {
  let a = false && t();
  let b = true || t();
  let c = true && t();
  out[0] = calls;
  out[1] = select(0u, 1u, a || b || c);
}`,
    expect: [1, 1],
  },
  {
    name: 'bit builtins, bitcast and packing',
    wgsl: `${OUT_U32}
@compute @workgroup_size(1) fn main() {
  var x = 0x00f0u;
  out[0] = countOneBits(x);
  out[1] = countLeadingZeros(x);
  out[2] = countTrailingZeros(x);
  out[3] = firstLeadingBit(x);
  out[4] = reverseBits(1u);
  out[5] = extractBits(x, 4u, 4u);
  out[6] = insertBits(0u, 0xffu, 8u, 4u);
  out[7] = bitcast<u32>(1.0);
  out[8] = pack4x8unorm(vec4f(1.0, 0.0, 0.5, 1.0));
  out[9] = pack2x16float(vec2f(1.0, -2.0));
  out[10] = u32(firstLeadingBit(-1));
}`,
    expect: [4, 24, 4, 7, 0x80000000, 15, 0xf00, 0x3f800000, 0xff80_00ff, 0xc0003c00, 0xffffffff],
  },
  {
    name: 'overrides, consts, aliases and abstract literals',
    wgsl: `${OUT_U32}
alias Vec = vec4<u32>;
const K = 3;
const V = vec4(1, 2, 3, 4);
override SCALE: u32 = 5u;
@compute @workgroup_size(1) fn main() {
  let v: Vec = Vec(V) * SCALE;
  out[0] = v.w;
  out[1] = u32(K) + SCALE;
  out[2] = 1u << 31;
  out[3] = u32(0x7fffffff + K - 3);
}`,
    expect: [20, 8, 0x80000000, 0x7fffffff],
  },
  {
    name: 'uniform struct with nested arrays',
    wgsl: `struct P { scale: vec4<f32>, count: u32 }
@group(0) @binding(1) var<uniform> params: P;
${OUT_F32}
@compute @workgroup_size(1) fn main() {
  out[0] = params.scale.y * f32(params.count);
}`,
  },
  {
    name: 'entry point IO struct with builtin members',
    wgsl: `struct In { @builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32> }
${OUT_U32}
@compute @workgroup_size(2) fn main(input: In, @builtin(num_workgroups) n: vec3<u32>) {
  out[input.wid.x * 2u + input.lid.x] = input.wid.x * 10u + input.lid.x + n.x * 100u;
}`,
    dispatch: 2,
    expect: [200, 201, 210, 211],
  },
  {
    name: 'pointer parameters into workgroup and storage memory',
    wgsl: `struct Pair { a: u32, b: u32 }
${OUT_U32}
@group(0) @binding(1) var<storage, read_write> pairs: array<Pair>;
var<workgroup> tile: array<u32, 4>;
fn put(t: ptr<workgroup, array<u32, 4>>, i: u32, v: u32) { (*t)[i] = v; }
fn set_pair(p: ptr<storage, Pair, read_write>, v: u32) { (*p).a = v; p.b = v * 2u; }
fn total(p: ptr<storage, array<u32>, read_write>) -> u32 { return arrayLength(p) + (*p)[0]; }
@compute @workgroup_size(1) fn main() {
  put(&tile, 2u, 9u);
  set_pair(&pairs[0], 4u);
  out[0] = tile[2];
  out[1] = pairs[0].b;
  out[2] = total(&out);
}`,
    expect: [9, 8, 12],
  },
  {
    name: 'f16 arithmetic and builtins',
    wgsl: `enable f16;
${OUT_F32}
@compute @workgroup_size(1) fn main() {
  let x = 1.5h;
  var v = vec2<f16>(x, -2.0h);
  v = abs(v) * 2.0h;
  out[0] = f32(v.y);
  out[1] = f32(max(x, 3.0h) + sqrt(4.0h));
  out[2] = f32(f16(1.0 / 3.0));
  out[3] = f32(i32(x * 3.0h));
}`,
    expectF32: [4, 5, 0.333251953125, 4],
  },
  {
    name: 'modf and frexp on scalars and vectors',
    wgsl: `${OUT_F32}
@compute @workgroup_size(1) fn main() {
  var x = 2.75;
  let m = modf(-x);
  let f = frexp(vec2(x, 8.0));
  out[0] = m.fract;
  out[1] = m.whole;
  out[2] = f.fract.x;
  out[3] = f32(f.exp.y);
  out[4] = ldexp(x, 2);
}`,
    expectF32: [-0.75, -2, 0.6875, 4, 11],
  },
  {
    name: 'body variables used in the continuing block, phony assignment, const_assert',
    wgsl: `${OUT_U32}
const N = 4u;
const_assert N == 4u;
fn side() -> u32 { return 3u; }
@compute @workgroup_size(1) fn main() {
  var i = 0u;
  var acc = 0u;
  _ = side();
  loop {
    let sq = i * i;
    var tmp = sq + 1u;
    if (i == 1u) { i++; continue; }
    acc += tmp;
    i++;
    continuing {
      tmp = tmp * 0u;
      break if i >= N;
    }
  }
  out[0] = acc;
  out[1] = i;
}`,
    expect: [16, 4],
  },
  {
    name: 'switch default in list',
    wgsl: `${OUT_U32}
@compute @workgroup_size(1) fn main() { var x = 3; switch x { case 1, default { out[0] = 5u; } case 2 { out[0] = 6u; } } let m = -2147483648; out[1] = u32(m); }`,
    expect: [5, 0x80000000],
  },
  {
    name: 'private arrays & let ptr to rt',
    wgsl: `${OUT_U32}
var<private> acc: array<u32, 3>;
@compute @workgroup_size(1) fn main() { acc[1] = 4u; let p = &out; (*p)[0] = acc[1] + arrayLength(p); let q = &acc; q[2] = 7u; out[1] = acc[2]; }`,
    expect: [6, 7],
  },
  {
    name: 'bitcast vectors & vec compare',
    wgsl: `${OUT_U32}
@compute @workgroup_size(1) fn main() { let v = bitcast<vec2<u32>>(vec2<f32>(1.0, -2.0)); out[0] = v.y; let b = vec3(1, 2, 3) == vec3<i32>(1, 0, 3); out[1] = select(0u, 1u, b.x && !b.y && all(b.xz)); }`,
    expect: [0xc0000000, 1],
  },
  {
    name: 'nested fn calls in args and struct return',
    wgsl: `${OUT_U32}
struct R { a: u32, b: vec2<u32> }
fn mk(x: u32) -> R { return R(x, vec2(x + 1u, x + 2u)); }
fn add(a: u32, b: u32) -> u32 { return a + b; }
@compute @workgroup_size(1) fn main() { let r = mk(add(mk(1u).b.y, 2u)); out[0] = r.b.x; out[1] = mk(3u).a * 2u; }`,
    expect: [6, 6],
  },
  {
    name: 'while with side-effect condition',
    wgsl: `${OUT_U32}
var<private> n: u32;
fn tick() -> bool { n += 1u; return n < 5u; }
@compute @workgroup_size(1) fn main() { var k = 0u; while (tick()) { k += 10u; } out[0] = k; out[1] = n; }`,
    expect: [40, 5],
  },
  {
    name: 'for with complex update and continue',
    wgsl: `${OUT_U32}
@compute @workgroup_size(1) fn main() { var s = 0u; for (var i = 0u; i < 10u; i += 3u) { if (i == 3u) { continue; } s += i; } out[0] = s; out[1] = 0u; }`,
    expect: [15, 0],
  },
  {
    name: 'matrix arrays in storage, vec3 mat columns',
    wgsl: `@group(0) @binding(0) var<storage, read_write> out: array<f32>;
@group(0) @binding(1) var<storage, read_write> ms: array<mat3x3<f32>>;
@compute @workgroup_size(1) fn main() { ms[0] = mat3x3f(vec3f(1.0,2.0,3.0), vec3f(4.0,5.0,6.0), vec3f(7.0,8.0,9.0)); ms[0][1].z = 60.0; let m = ms[0]; out[0] = m[1][2]; out[1] = (m * vec3f(1.0, 0.0, 0.0)).y; }`,
    expect: [0x42700000, 0x40000000],
  },
  {
    name: 'increment through pointer and compound on swizzle',
    wgsl: `${OUT_U32}
fn inc(p: ptr<function, vec2<u32>>) { (*p).y += 5u; p.x++; }
@compute @workgroup_size(1) fn main() { var v = vec2(1u, 2u); inc(&v); out[0] = v.x; out[1] = v.y; }`,
    expect: [2, 7],
  },
  {
    name: 'subgroup reductions, scans, ballot, shuffles and elect (32 lanes)',
    wgsl: `enable subgroups;
${OUT_U32}
@compute @workgroup_size(64) fn main(@builtin(local_invocation_index) li: u32, @builtin(subgroup_invocation_id) lane: u32, @builtin(subgroup_size) sz: u32) {
  let s = subgroupAdd(li);
  let ex = subgroupExclusiveAdd(1u);
  let b = subgroupBallot(li % 2u == 0u);
  let mx = subgroupMax(vec2(li, 100u - li));
  let sh = subgroupShuffleXor(li, 1u) + quadSwapDiagonal(li) * 1000u + quadBroadcast(li, 2u) * 100000u;
  let elect = subgroupElect(); // subgroup operations need uniform control flow (WGSL uniformity analysis)
  if (li == 0u || li == 33u) {
    out[li / 32u * 6u + 0u] = s;
    out[li / 32u * 6u + 1u] = ex;
    out[li / 32u * 6u + 2u] = b.x;
    out[li / 32u * 6u + 3u] = mx.y;
    out[li / 32u * 6u + 4u] = sh;
    out[li / 32u * 6u + 5u] = select(0u, sz, elect) + lane;
  }
}`,
    expect: [496, 0, 0x55555555, 100, 203001, 32, 1520, 1, 0x55555555, 68, 3434032, 1],
  },
  {
    name: 'struct stores keep the padding bytes of storage buffers',
    wgsl: `struct S { a: u32, v: vec4<u32>, w: vec3<u32> }
@group(0) @binding(0) var<storage, read_write> out: array<S>;
@compute @workgroup_size(1) fn main() {
  var s = S(1u, vec4(2u, 3u, 4u, 5u), vec3(6u, 7u, 8u));
  out[0] = s;
  out[0].w.y = 70u;
}`,
    initOut: Array(12).fill(0xaaaaaaaa),
    expect: [1, 0xaaaaaaaa, 0xaaaaaaaa, 0xaaaaaaaa, 2, 3, 4, 5, 6, 70, 8, 0xaaaaaaaa],
  },
  {
    // Macros of the system headers (math.h, stdint.h, errno.h, stddef.h, sched.h; cuda_runtime.h
    // under nvcc) would replace these names before C++ sees them: renamed (compiler/namer.ts).
    name: 'names that system headers define as macros',
    wgsl: `${OUT_U32}
fn offsetof(x: u32) -> u32 { return x + 1u; }
fn CPU_COUNT(x: u32) -> u32 { return x * 2u; }
@compute @workgroup_size(1) fn main() {
  let M_PI = 2u;
  var RAND_MAX = 3u;
  let EINVAL = 4u;
  let UINT32_MAX = 5u;
  let cudaStreamDefault = 6u;
  out[0] = M_PI + RAND_MAX + EINVAL + UINT32_MAX + cudaStreamDefault;
  out[1] = offsetof(10u) + CPU_COUNT(100u);
}`,
    expect: [20, 211],
  },
  {
    // WGSL §6.1/§8.7: AbstractInt is a 64-bit integer, evaluated exactly (issue 20): products past 2^53,
    // sums past 2^53 and bitwise operators on values past 2^32 keep every bit.
    name: 'AbstractInt const-expressions are exact 64-bit integers',
    wgsl: `${OUT_U32}
const BIG = 9223372036854775807;
@compute @workgroup_size(1) fn main() {
  out[0] = u32((3037000499 * 3037000499) % 4294967291);
  out[1] = u32((9007199254740991 + 2) - 9007199254740991);
  out[2] = u32((4294967296 | 5) / 4294967296);
  out[3] = u32((4294967296 ^ 7) - 4294967296);
  out[4] = u32(((1 << 62) & (BIG - 1)) >> 60);
  out[5] = u32(-(-BIG - 1 + 5) % 1000000007);
  out[6] = u32(~4294967296 + 4294967300);
  out[7] = u32(max(BIG, 4294967296) / 4294967296);
}`,
    expect: [513924142, 2, 1, 7, 4, 291171999, 3, 2147483647],
  },
  {
    // WGSL §7.3: a module-scope `var<private>` takes its type from its initializer, abstract types
    // concretized (issue 20: the commonest failure in Tint's corpus, "needs a type").
    name: 'module-scope var<private> with the type inferred from its initializer',
    wgsl: `${OUT_U32}
override SCALE = 3u;
const HALF = 0.5;
var<private> count = 4;
var<private> scaled = SCALE * 2u;
var<private> v = vec2(1.5, HALF * 5.0);
var<private> table = array(10, 20, 30);
var<private> big = 4294967296 / 4;
var<private> flag = HALF > 0.25;
@compute @workgroup_size(1) fn main() {
  count += 1;
  table[1] += count;
  out[0] = u32(count);
  out[1] = scaled;
  out[2] = u32(v.x * 2.0 + v.y * 4.0);
  out[3] = u32(table[1]);
  out[4] = u32(big);
  out[5] = select(0u, 1u, flag);
}`,
    expect: [5, 6, 13, 25, 1073741824, 1],
  },
  {
    // WGSL §17.9: pack*norm is floor(0.5 + scale * clamp(e)), so a tie rounds up: -0.5 packs to -63 in
    // snorm8 and -16383 in snorm16 (round-to-even, rintf, gave -64 and -16384; issue 20). Runtime values.
    name: 'pack4x8snorm/pack2x16snorm/unorm follow the spec formula floor(0.5 + scale * x)',
    wgsl: `${OUT_U32}
@compute @workgroup_size(1) fn main() {
  var h = 0.5;
  var q = 0.25;
  out[0] = pack4x8snorm(vec4(-h, h, -1.0 - q, q));
  out[1] = pack2x16snorm(vec2(-h, h));
  out[2] = pack4x8unorm(vec4(h, -q, 1.0 + q, 0.1));
  out[3] = pack2x16unorm(vec2(h, q));
  out[4] = pack4x8snorm(vec4(-1.5 / 127.0, 1.5 / 127.0, 0.0 / h, -q));
}`,
    expect: [0x208140c1, 0x4000c001, 0x1aff0080, 0x40008000, 0xe00001ff],
  },
  {
    // WGSL §6.4/§15.7: a run-time expression of abstract type is concretized (AbstractFloat to f32), then
    // converted with WGSL's saturating float -> int conversion (issue 20: the float's bits were stored, or
    // it was converted unsaturated; a switch selector and a u32 operand did not compile).
    name: 'run-time AbstractFloat expressions are concretized to f32, then converted',
    wgsl: `${OUT_U32}
const A = array(2.5, -3.75, 1e10);
@compute @workgroup_size(1) fn main() {
  var c = true;
  var i = 2u;
  var base = 3u;
  out[0] = bitcast<u32>(i32(select(2.5, -3.75, c)));
  out[1] = u32(A[i]);
  out[2] = bitcast<u32>(i32(A[i]));
  out[3] = u32(A[i - 1u]);
  switch i32(select(2.5, -3.75, c)) { case -3: { out[4] = 1u; } default: { out[4] = 2u; } }
  out[5] = base + u32(A[i - 2u]);
  out[6] = bitcast<u32>(vec2<i32>(vec2(A[i], A[i - 1u])).x);
  out[7] = u32(i32(A[0]) + i32(-3.75 * 2.0));
}`,
    expect: [0xfffffffd, 0xffffff00, 2147483520, 0, 1, 5, 2147483520, 0xfffffffb],
  },
  {
    // Tint corpus builtins/arrayLength/via_let_complex.wgsl: `let` pointers fix their buffer statically.
    name: 'runtime-sized struct member and arrayLength through let pointers',
    wgsl: `struct S { n : u32, a : array<u32> }
@group(0) @binding(0) var<storage, read_write> out: S;
@compute @workgroup_size(1) fn main() {
  let p = &*&out;
  let p2 = &*p;
  let p3 = &((*p).a);
  let p4 = &p2.a;
  out.n = arrayLength(&*p3) + arrayLength(p4) * 100u + arrayLength(&out.a) * 10000u;
  p4[0] = 7u;
  (*p3)[1] = p.a[0] + 1u;
  p.a[2] = arrayLength(&(*p2).a);
}`,
    expect: [30303, 7, 8, 3],
  },
  {
    // Tint corpus statements/decrement/split.wgsl and expressions/type_ctor/vec3/inferred/zero.wgsl.
    name: "'--' between operands is two minus signs; vecN() is a zero AbstractInt vector",
    wgsl: `${OUT_U32}
var<private> f : vec3f = vec3();
@compute @workgroup_size(1) fn main() {
  var b = 2;
  let z : vec3u = vec3();
  out[0] = u32(b--b);
  out[1] = z.x + 5u;
  out[2] = u32(vec4().w + 9);
  out[3] = u32(f.y + 2.0);
  out[4] = u32(b--b*3);
}`,
    expect: [4, 5, 9, 2, 8],
  },
  {
    // Tint corpus bug/tint/2190.wgsl and shader_io/compute_workgroup_expression.wgsl. A[0] is an
    // AbstractFloat (array(1, 2.5, 4) unifies its elements): folded as an integer, A[0] / 2 would be 0.
    name: 'const-expressions index constructed and named const composites; clamp folds',
    wgsl: `${OUT_U32}
const A = array(1, 2.5, 4);
const B = array<vec2f, 2>(vec2(1, 2), vec2(3, 4));
const N = array(array(6))[0][0];
override O = 0;
const BIG = (1 << 30u) << 10u; // AbstractInt 2^40: '_ = BIG' must not concretize it to i32 (Tint bug/tint/1713)
@compute @workgroup_size(clamp((1 - 2) + 4, 0, 5) - 2) fn main() {
  var arr : array<u32, N>;
  arr[N - 1] = 9u;
  out[0] = u32(A[0] / 2 * 4);
  out[1] = u32(B[1][0] / 2 * 4);
  out[2] = u32(f32(vec3(1, 2, 3)[1] / 2));
  out[3] = arr[5];
  out[4] = u32(clamp(7, 1, 5));
  out[5] = u32(clamp(-3, 1, 5)) + u32(clamp(2.5, 0.0, 1.0));
  _ = BIG;
  out[6] = u32(BIG >> 30u);
  // Indexed by an override, vec2(1e-50) is materialized to f32 first: 0, not 1e-50 * 1e54 (Tint bug/tint/1697).
  out[7] = u32(vec2(1e-50)[O] * 1e27 * 1e27);
}`,
    expect: [2, 6, 1, 9, 5, 2, 1024, 0],
  },
  {
    // Tint corpus shader_io/subgroup_id_linear_workgroup.wgsl: subgroups are 32 consecutive local indices.
    name: 'subgroup_id and num_subgroups (a partial last subgroup)',
    wgsl: `enable subgroups;
requires subgroup_id;
${OUT_U32}
@compute @workgroup_size(40) fn main(@builtin(local_invocation_index) li: u32,
    @builtin(subgroup_id) sg: u32, @builtin(num_subgroups) n: u32) {
  out[li] = sg * 100u + n;
}`,
    expect: [...Array(32).fill(2), ...Array(8).fill(102)],
  },
  {
    // Tint corpus builtins/frexp/vector/const.wgsl (an abstract vector took f32 scalar shape) and
    // expressions/binary/mod/vec3-scalar/f16.wgsl (no f16 vector '%' under nvcc).
    name: 'modf and frexp of an abstract vector const; f16 vector %',
    wgsl: `enable f16;
${OUT_U32}
@compute @workgroup_size(1) fn main() {
  const v = vec2(1.25, 3.75);
  let fr = frexp(v);
  let mf = modf(v);
  out[0] = u32(fr.fract.x * 1000.0);
  out[1] = u32(fr.exp.y);
  out[2] = u32(mf.fract.y * 100.0);
  out[3] = u32(mf.whole.y);
  let a = vec3<f16>(5.0h, 7.5h, -7.0h);
  let m = a % 2.0h;
  let mv = a % vec3<f16>(3.0h);
  out[4] = u32(m.y * 10.0h);
  out[5] = bitcast<u32>(i32(m.z));
  out[6] = u32(mv.x + mv.y * 10.0h);
}`,
    expect: [625, 2, 75, 3, 15, 0xffffffff, 17],
  },
  {
    // Tint corpus builtins/gen/literal/workgroupUniformLoad/7ea8de.wgsl: the atomic overload returns T.
    name: 'workgroupUniformLoad of a workgroup atomic sees every invocation before the barrier',
    wgsl: `${OUT_U32}
var<workgroup> counter: atomic<u32>;
@compute @workgroup_size(64) fn main(@builtin(local_invocation_index) li: u32) {
  atomicAdd(&counter, li + 1u);
  let total: u32 = workgroupUniformLoad(&counter);
  if (li == 63u) {
    out[0] = total;
  }
}`,
    expect: [2080],
  },
  {
    name: 'textures and samplers: views in the context, handle parameters, every built-in lowered',
    wgsl: `@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var smp: sampler;
@group(0) @binding(2) var dst: texture_storage_2d<rgba8unorm, write>;
@group(0) @binding(3) var layers: texture_2d_array<u32>;
fn fetch(t: texture_2d<f32>, s: sampler, uv: vec2f) -> vec4f {
  return textureSampleLevel(t, s, uv, 0.0, vec2(1, -1));
}
@compute @workgroup_size(8, 8) fn main(@builtin(global_invocation_id) gid: vec3u) {
  let size = textureDimensions(dst);
  let n = textureNumLayers(layers) + textureNumLevels(src);
  let c = textureLoad(src, vec2(gid.x, 0u), 0);
  let l = textureLoad(layers, vec2i(gid.xy), 1, 0);
  let g = textureGather(1, src, smp, vec2f(0.5));
  let e = textureSampleBaseClampToEdge(src, smp, vec2f(0.25));
  textureStore(dst, gid.xy, c * 0.5 + fetch(src, smp, vec2f(0.25)) * 0.25 + g * 0.25 + e * f32(n + size.x + l.x));
}`,
  },
  {
    // Tint corpus bug/chromium/339704114.wgsl: the right side of a decided `&&` / `||` is not evaluated
    // (WGSL §8.7), so its const-expression errors are none and it is not emitted.
    name: 'a const left side of && / || decides: the right side is not evaluated',
    wgsl: `${OUT_U32}
fn a(v: i32) -> i32 { return v; }
@compute @workgroup_size(1) fn main() {
  _ = false && (0 < a(4294967295));
  let t = true || (1 / 0 == 0);
  let f = false && (a(-2147483648) < 0);
  out[0] = select(0u, 1u, t) + select(0u, 2u, f);
  out[1] = u32(true || (a(4294967295) < 0)) + u32(a(7));
}`,
    expect: [1, 8],
  },
  {
    // WGSL §8.7 matrix arithmetic, §17.1.1.4 constructors, §17.5/§17.7 built-ins folded as
    // const-expressions; a run-time abstract vector is a vec2<i32> (`select(vec2(1), vec2(2), c)`).
    name: 'matrix, frexp/modf/ldexp, refract and faceForward const-expressions fold; run-time abstract vector',
    wgsl: `${OUT_U32}
const M = mat2x2(1.0, 2.0, 3.0, 4.0);
const N = u32(-determinant(M)) + u32(transpose(mat2x3(1, 2, 3, 4, 5, 6))[2][1]);
@compute @workgroup_size(1) fn main() {
  var a: array<u32, N>;
  a[7] = 5u;
  let c = a[7] == 5u;
  let s = select(vec2(1), vec2(2), c);
  let v = M * vec2(1.0, 1.0);
  let w = vec2f(1.0, 1.0) * M;
  const k = 2u; // a function-scope const sizes an array (WGSL §7.2)
  var b: array<u32, k + 1u>;
  b[2] = 3u;
  out[0] = a[N - 1u] + u32(s.y) + b[2];
  out[1] = u32((M * M)[1][0]) + u32(v.y) * 100u + u32(w.y) * 10000u;
  out[2] = u32(frexp(vec2(1.5, 8.0)).exp.y) + u32(frexp(1.5f).fract * 100.0);
  out[3] = u32(-modf(-2.5).whole) + u32(modf(2.75f).fract * 100.0);
  out[4] = u32(ldexp(1.5f, 3)) + u32(ldexp(f32(a[7]), 2));
  let r = refract(vec2(1.0, 0.0), vec2(0.0, 1.0), 0.5);
  let f = faceForward(vec2(1.0, 2.0), vec2(1.0, 0.0), vec2(-1.0, 0.0));
  out[5] = u32(r.x * 10.0) + u32(-r.y * 1000.0) * 10u + u32(f.y) * 100000u;
}`,
    expect: [10, 15 + 600 + 70000, 4 + 75, 2 + 75, 12 + 20, 5 + 8660 + 200000],
  },
  {
    // Tint corpus bug/tint/369.wgsl: two variables may share a (group, binding) when no entry point
    // uses both (WGSL §13.3.2); they share the slot, and each entry point checks only its own.
    name: 'two variables at one @group @binding, used by different entry points',
    wgsl: `${OUT_U32}
struct Big { m: mat4x4<f32>, more: array<vec4f, 64> }
@group(0) @binding(0) var<uniform> big: Big;
@group(0) @binding(1) var<storage, read_write> outF: array<f32>;
@compute @workgroup_size(1) fn main() { out[0] = 7u; out[1] = arrayLength(&out); }
@compute @workgroup_size(1) fn other() { outF[0] = big.m[1][2] + big.more[3].y; }`,
    expect: [7, 2],
  },
  ...LANGUAGE_FEATURE_CASES,
];
