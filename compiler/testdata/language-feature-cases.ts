/**
 * Translator cases for WGSL language features Chrome ships (navigator.gpu.wgslLanguageFeatures):
 * `swizzle_assignment`, `linear_indexing`, `texture_and_sampler_let`. Part of CASES (cases.ts): each
 * runs on g++ against `expect` and compiles under nvcc. (Typed where cases.ts spreads them, which keeps
 * the import one-way.)
 */

const OUT_U32 = '@group(0) @binding(0) var<storage, read_write> out: array<u32>;';

/** linear_indexing over 3 workgroups of 2x2: `out[global_invocation_index] = workgroup_index * 100 + local index`. */
function linearIndexingExpect(): number[] {
  const out: number[] = [];
  for (let wx = 0; wx < 3; wx++)
    for (let ly = 0; ly < 2; ly++)
      for (let lx = 0; lx < 2; lx++) out[wx * 2 + lx + ly * 6] = wx * 100 + lx + 2 * ly;
  return out;
}

export const LANGUAGE_FEATURE_CASES = [
  {
    // Tint's statements/assign/swizzle_assign.wgsl and resolver/swizzle_assignment_test.cc, run.
    name: 'swizzle assignment: function, private, workgroup, pointers, chains, runtime index, side effects once',
    wgsl: `${OUT_U32}
var<private> calls: u32;
var<private> pv: vec3u;
var<workgroup> wv: vec4u;
fn next() -> u32 { calls += 1u; return calls; }
fn g(p: ptr<function, vec4u>) { p.wz = vec2(7u, 8u); (*p).yx += vec2(10u, 20u); }
@compute @workgroup_size(1) fn main() {
  var v = vec4u(1u, 2u, 3u, 4u);
  v.zy = vec2(5u, 6u);
  v.yz.yx = vec2(99u, 100u);
  v.yz.y = 200u;
  v.rgb *= vec3(2u);
  v.xyz[1] = 300u;
  var i = 5;
  v.zyx[i] = 7u; // past the view's end: its last component, x
  v.xyz[0] += 5u;
  v.x++;
  g(&v);
  out[0] = v.x; out[1] = v.y; out[2] = v.z; out[3] = v.w;
  var arr: array<vec2u, 3>;
  arr[next()].yx = vec2(11u, 12u);
  arr[next()].xy += vec2(next(), 0u);
  out[4] = arr[1].x; out[5] = arr[1].y; out[6] = arr[2].x; out[7] = calls;
  pv.zx = vec2(1u, 2u);
  wv.wy = vec2(5u, 6u);
  wv.wy -= vec2(1u);
  let p = &pv;
  p.yx = vec2(30u, 40u);
  out[8] = pv.x; out[9] = pv.y; out[10] = pv.z; out[11] = wv.y; out[12] = wv.w;
}`,
    expect: [33, 310, 8, 7, 12, 11, 3, 3, 40, 30, 1, 5, 4],
  },
  {
    name: 'swizzle assignment: f32 and i32 vectors, compound operators, a storage vector',
    wgsl: `@group(0) @binding(0) var<storage, read_write> out: array<vec4i>;
@compute @workgroup_size(1) fn main() {
  var f = vec4f(1.0, 2.0, 3.0, 4.0);
  f.wx /= vec2(2.0, 4.0);
  f.zy = f.yz;
  var n = vec3i(7, -8, 9);
  n.zx %= vec2(4, 4);
  n.yx <<= vec2u(1u, 2u);
  out[0] = vec4i(f);
  out[1].yzx = n;
  out[1].w = 5;
}`,
    expect: [0, 3, 2, 2, 1, 12, -16 >>> 0, 5],
  },
  {
    // A gid-indexed runtime array takes the CPU loop's windowed fast path (emit/cpu-windows.ts).
    name: 'swizzle assignment into a runtime-sized storage array indexed by global_invocation_id',
    wgsl: `@group(0) @binding(0) var<storage, read_write> out: array<vec2u>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3u) {
  if (g.x < arrayLength(&out)) {
    out[g.x].yx = vec2(g.x, 7u);
    out[g.x].yx.x += 1u;
  }
}`,
    expect: [7, 1, 7, 2, 7, 3, 7, 4],
  },
  {
    // A local vector kept across a barrier lives in a per-invocation array (emit/entry-cpu-fission.ts).
    name: 'swizzle assignment across a workgroup barrier (loop fission), into workgroup memory',
    wgsl: `${OUT_U32}
var<workgroup> tile: array<vec4u, 4>;
@compute @workgroup_size(4) fn main(@builtin(local_invocation_index) li: u32) {
  var v = vec4u(li);
  v.yz = vec2(li * 10u, li * 100u);
  tile[li].wx = v.zy;
  workgroupBarrier();
  v.xw += tile[(li + 1u) % 4u].xw;
  for (var k = 0u; k < 4u; k++) { out[li * 4u + k] = v[k]; }
}`,
    expect: [10, 0, 0, 100, 21, 10, 100, 201, 32, 20, 200, 302, 3, 30, 300, 3],
  },
  {
    // Tint's linear_indexing shader_io polyfill (core/ir/transform/shader_io.cc): workgroup_index
    // linearises workgroup_id over num_workgroups, global_invocation_index global_invocation_id over
    // num_workgroups * workgroup_size.
    name: 'linear_indexing: global_invocation_index and workgroup_index',
    wgsl: `${OUT_U32}
requires linear_indexing;
@compute @workgroup_size(2, 2) fn main(@builtin(global_invocation_index) g: u32,
                                      @builtin(workgroup_index) w: u32,
                                      @builtin(local_invocation_index) l: u32) {
  out[g] = w * 100u + l;
}`,
    dispatch: 3,
    expect: linearIndexingExpect(),
  },
  {
    // A barrier in a called function keeps the CPU fibers (emit/entry-cpu.ts), whose inputs come from DuetInvocation.
    name: 'linear_indexing in an input struct, with the CPU fibers',
    wgsl: `${OUT_U32}
struct In { @builtin(workgroup_index) w: u32, @builtin(global_invocation_index) g: u32, @builtin(local_invocation_index) l: u32 }
fn sync() { workgroupBarrier(); }
@compute @workgroup_size(2, 2) fn main(i: In) {
  sync();
  out[i.g] = i.w * 100u + i.l;
}`,
    dispatch: 3,
    expect: linearIndexingExpect(),
  },
];
