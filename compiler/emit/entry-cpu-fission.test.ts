/**
 * Loop fission of CPU barrier entries (entry-cpu-fission.ts, fission-shape.ts): each kernel is built
 * with g++ twice, by fission and as fibers (TranslateOptions.cpuFibers), and both runs must give the
 * same words and statuses, and the words the WGSL means (computed here independently).
 */
import { describe, expect, it } from 'vitest';
import { BARRIER_INPUT_WORDS, BARRIER_WG, generateBarrierProgram } from '../difffuzz/barrier-program';
import { type CpuRun, f32Words, hasGxx, runOnCpu } from '../testkit/native';
import { translate } from '../translate';

const gxx = await hasGxx();

type Opts = Parameters<typeof runOnCpu>[3];

function cpu(source: string, fibers: boolean) {
  const r = translate(source, { target: 'cpu', cpuFibers: fibers });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r;
}

/**
 * Runs `source` by fission and as fibers; checks the fission entry was emitted and both agree (on the
 * statuses only with `statusOnly`: a diverged workgroup's outputs are an error, not a result).
 */
async function both(source: string, opts: Opts, statusOnly = false): Promise<CpuRun> {
  const f = cpu(source, false);
  expect(f.code).toContain('(loop fission at its barriers)');
  expect(f.code).not.toContain('duet_cpu_run_workgroup(p');
  const fibers = cpu(source, true);
  expect(fibers.code).toContain('duet_cpu_run_workgroup(p');
  const [a, b] = await Promise.all([
    runOnCpu(f.code, f.kernels[0]!, f.bindings, opts),
    runOnCpu(fibers.code, fibers.kernels[0]!, fibers.bindings, opts),
  ]);
  if (statusOnly) expect(a.status).toEqual(b.status);
  else expect(a).toEqual(b);
  return a;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe.skipIf(!gxx)('CPU loop fission', () => {
  it('keeps a value live across a barrier per invocation (let, var and var<private>)', async () => {
    const src = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<workgroup> t: array<u32, 64>;
var<private> mine: u32;
@compute @workgroup_size(64) fn main(@builtin(local_invocation_index) li: u32,
                                     @builtin(workgroup_id) wid: vec3<u32>) {
  let v = li * 3u + wid.x;
  var w = li ^ 5u;
  mine = li + 100u;
  t[li] = v;
  workgroupBarrier();
  w += t[(li + 1u) % 64u];
  out[wid.x * 64u + li] = v * 1000u + w + mine;
}`;
    const r = await both(src, { dispatch: 2, sizes: { out: 2 * 64 * 4 } });
    const want = range(128).map((g) => {
      const li = g % 64;
      const wid = Math.floor(g / 64);
      const v = li * 3 + wid;
      const next = ((li + 1) % 64) * 3 + wid;
      return (v * 1000 + ((li ^ 5) + next) + li + 100) >>> 0;
    });
    expect(r.words).toEqual(want);
    expect(r.status).toEqual([0, 0]);
  });

  it('runs a loop with barriers inside once per workgroup (a tree reduction)', async () => {
    const src = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<workgroup> buf: array<u32, 64>;
@compute @workgroup_size(64) fn main(@builtin(local_invocation_index) li: u32,
                                     @builtin(workgroup_id) wid: vec3<u32>) {
  buf[li] = li * li + wid.x;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (li < s) { buf[li] += buf[li + s]; }
    workgroupBarrier();
  }
  var n = 0u;
  loop {
    workgroupBarrier();
    n += 1u;
    continuing { break if n >= 3u; }
  }
  if (li == 0u) { out[wid.x] = buf[0] + n; }
}`;
    const r = await both(src, { dispatch: 3, sizes: { out: 12 } });
    const sum = (w: number) => range(64).reduce((a, i) => a + i * i + w, 0);
    expect(r.words).toEqual([sum(0) + 3, sum(1) + 3, sum(2) + 3]);
  });

  it('runs an if, a switch and a while with barriers on the condition the workgroup shares', async () => {
    const src = `
struct P { k: u32 }
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@group(0) @binding(1) var<uniform> params: P;
var<workgroup> t: array<u32, 32>;
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) li: u32,
                                     @builtin(workgroup_id) wid: vec3<u32>) {
  var acc = 0u;
  if (wid.x % 2u == 0u) {
    t[li] = li;
    workgroupBarrier();
    acc = t[31u - li];
  } else {
    t[li] = li * 2u;
    storageBarrier();
    acc = t[(li + 3u) % 32u];
  }
  switch (params.k) {
    case 7u: { workgroupBarrier(); acc += 1000u; }
    default: { acc += 1u; }
  }
  var i = 0u;
  while (i < params.k) {
    workgroupBarrier();
    if (i == 5u) { break; }
    i++;
  }
  out[wid.x * 32u + li] = acc + i * 100000u;
}`;
    const r = await both(src, { dispatch: 2, sizes: { out: 2 * 32 * 4, params: 4 }, init: { params: [7] } });
    const want = range(64).map((g) => {
      const li = g % 32;
      const even = Math.floor(g / 32) % 2 === 0;
      const acc = even ? 31 - li : ((li + 3) % 32) * 2;
      return acc + 1000 + 5 * 100000;
    });
    expect(r.words).toEqual(want);
  });

  it('leaves a workgroup-level loop by a uniform break and skips by a uniform continue', async () => {
    const src = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<workgroup> t: array<u32, 32>;
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) li: u32,
                                     @builtin(workgroup_id) wid: vec3<u32>) {
  var n = 0u;
  var acc = li;
  loop {
    t[li] = acc;
    workgroupBarrier();
    n++;
    if (n == 2u) { continue; }
    acc += t[(li + n) % 32u];
    if (n >= 4u + wid.x) { break; }
    workgroupBarrier();
    continuing { workgroupBarrier(); }
  }
  out[wid.x * 32u + li] = acc * 100u + n;
}`;
    const r = await both(src, { dispatch: 2, sizes: { out: 2 * 32 * 4 } });
    // The same loop in JavaScript, every invocation in step.
    const want: number[] = [];
    for (const wid of [0, 1]) {
      const acc = range(32);
      let n = 0;
      for (;;) {
        const t = [...acc];
        n++;
        if (n === 2) continue;
        for (let li = 0; li < 32; li++) acc[li] = (acc[li]! + t[(li + n) % 32]!) >>> 0;
        if (n >= 4 + wid) break;
      }
      want.push(...acc.map((a) => (a * 100 + n) >>> 0));
    }
    expect(r.words).toEqual(want);
  });

  it('keeps the fibers when the per-invocation state would exceed its bound', () => {
    const src = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1024) fn main(@builtin(local_invocation_index) li: u32) {
  var big: array<u32, 1024>;
  big[li] = li;
  workgroupBarrier();
  out[li] = big[li];
}`;
    expect(cpu(src, false).code).not.toContain('(loop fission at its barriers)');
    expect(cpu(src.replace('1024) fn', '64) fn'), false).code).toContain('(loop fission at its barriers)');
  });

  it('ends invocations at a return: all of them finish, and a later region skips the returned ones', async () => {
    const src = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<workgroup> t: array<u32, 16>;
@compute @workgroup_size(16) fn main(@builtin(local_invocation_index) li: u32,
                                     @builtin(workgroup_id) wid: vec3<u32>) {
  t[li] = li + 1u;
  workgroupBarrier();
  if (wid.x == 1u) { return; }
  workgroupBarrier();
  if (li % 3u == 0u) { return; }
  out[wid.x * 16u + li] = t[15u - li];
}`;
    const r = await both(src, { dispatch: 2, sizes: { out: 2 * 16 * 4 } });
    const want = range(32).map((g) => (g < 16 && g % 3 !== 0 ? 16 - g : 0));
    expect(r.words).toEqual(want);
    expect(r.status).toEqual([0, 0]);
  });

  it('reports barrier divergence (status 4) when a condition the analysis calls uniform differs at run time', async () => {
    // flags is read-only, so flags[0] is uniform to the analysis; the driver aliases it with `out`, which
    // every invocation writes before the test, so each invocation sees a different value.
    const src = `
@group(0) @binding(0) var<storage, read> flags: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(8) fn main(@builtin(local_invocation_index) li: u32) {
  let c = flags[0];
  out[0] = li + 1u;
  if (c == 0u) { workgroupBarrier(); }
  out[1] = 7u;
}`;
    const r = await both(src, { dispatch: 1, sizes: { out: 8, flags: 8 }, alias: { flags: 'out' } }, true);
    expect(r.status).toEqual([4]);
    // The same with a return: all but invocation 0 return, then the barrier is reached by part of the workgroup.
    const ret = src.replace(
      'if (c == 0u) { workgroupBarrier(); }',
      'if (c != 0u) { return; }\n  workgroupBarrier();',
    );
    expect(ret).toContain('return;');
    const r2 = await both(ret, { dispatch: 1, sizes: { out: 8, flags: 8 }, alias: { flags: 'out' } }, true);
    expect(r2.status).toEqual([4]);
  });

  it('keeps the fibers for a barrier in a called function, with the same results', async () => {
    const src = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<workgroup> t: array<u32, 32>;
fn sync() { workgroupBarrier(); }
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) li: u32) {
  t[li] = li * 7u;
  sync();
  out[li] = t[31u - li];
}`;
    const r = cpu(src, false);
    expect(r.code).not.toContain('(loop fission at its barriers)');
    expect(r.code).toContain('duet_cpu_run_workgroup(p');
    const run = await runOnCpu(r.code, r.kernels[0]!, r.bindings, { dispatch: 1, sizes: { out: 128 } });
    expect(run.words).toEqual(range(32).map((li) => (31 - li) * 7));
  });

  it('loads with workgroupUniformLoad as barrier, load, barrier', async () => {
    const src = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<workgroup> n: u32;
var<workgroup> hits: atomic<u32>;
var<workgroup> t: array<u32, 16>;
@compute @workgroup_size(16) fn main(@builtin(local_invocation_index) li: u32,
                                     @builtin(workgroup_id) wid: vec3<u32>) {
  if (li == 3u) { n = wid.x + 2u; }
  atomicAdd(&hits, li);
  let k = workgroupUniformLoad(&n);
  let h = workgroupUniformLoad(&hits);
  var acc = 0u;
  for (var i = 0u; i < k; i++) {
    t[li] = li * (i + 1u);
    workgroupBarrier();
    acc += t[(li + i) % 16u];
    workgroupBarrier();
  }
  out[wid.x * 16u + li] = acc * 1000u + h * 10u + k;
}`;
    const r = await both(src, { dispatch: 2, sizes: { out: 2 * 16 * 4 } });
    const want = range(32).map((g) => {
      const li = g % 16;
      const k = Math.floor(g / 16) + 2;
      let acc = 0;
      for (let i = 0; i < k; i++) acc += ((li + i) % 16) * (i + 1);
      return acc * 1000 + 120 * 10 + k;
    });
    expect(r.words).toEqual(want);
  });

  it('runs a region that is one counted loop with the invocations innermost (a tiled product)', async () => {
    // An 8 x 4 workgroup computes an 8 x 4 block of C = A.B, K = 16 in steps of 4, as matmul-tiled does.
    const src = `
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
var<workgroup> ta: array<array<f32, 4>, 4>;
var<workgroup> tb: array<array<f32, 8>, 4>;
@compute @workgroup_size(8, 4) fn main(@builtin(local_invocation_id) lid: vec3<u32>,
                                      @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.x / 2u * 4u + lid.y;
  let col = wid.x % 2u * 8u + lid.x;
  var sum = 0.0;
  for (var s = 0u; s < 16u; s += 4u) {
    if (lid.x < 4u) { ta[lid.y][lid.x] = a[row * 16u + s + lid.x]; }
    tb[lid.y][lid.x] = b[(s + lid.y) * 16u + col];
    workgroupBarrier();
    for (var k = 0u; k < 4u; k++) {
      sum = sum + ta[lid.y][k] * tb[k][lid.x];
    }
    workgroupBarrier();
  }
  out[row * 16u + col] = sum;
}`;
    const code = cpu(src, false).code;
    expect(code).toContain('loop, invocations innermost');
    expect(code).toContain('duet_in(duet_in(ctx.wg->tb, k), lid.x)');
    const av = range(256).map((i) => ((i * 7) % 13) / 8 - 0.75);
    const bv = range(256).map((i) => ((i * 5) % 11) / 4 - 1.25);
    const r = await both(src, {
      dispatch: 8,
      sizes: { a: 1024, b: 1024, out: 1024 },
      init: { a: f32Words(av), b: f32Words(bv) },
    });
    const want = range(256).map((g) => {
      const [i, j] = [Math.floor(g / 16), g % 16];
      let sum = 0;
      for (let k = 0; k < 16; k++) sum = Math.fround(sum + Math.fround(av[i * 16 + k]! * bv[k * 16 + j]!));
      return f32Words([sum])[0];
    });
    expect(r.words).toEqual(want);
  });

  it('holds workgroup-uniform variables once and reads through row windows, near the end and wrapping', async () => {
    // s is held once; `early` was computed before s changed and must keep that value in its window;
    // `mixed` is written per invocation and stays per invocation. inp has 40 words: workgroup 2's first
    // window runs past its end and workgroup 3's starts there (the rows clamp, as before); 0xfffffff8 + x
    // wraps for x >= 8. The guarded read is if-converted on the fast path.
    const src = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@group(0) @binding(1) var<storage, read> inp: array<u32>;
var<workgroup> t: array<u32, 16>;
@compute @workgroup_size(16) fn main(@builtin(local_invocation_id) lid: vec3<u32>,
                                     @builtin(workgroup_id) wid: vec3<u32>) {
  var s = wid.x;
  let early = s * 16u + lid.x;
  s = s + 1u;
  var mixed = 0u;
  if (lid.x == 3u) { mixed = 5u; }
  t[lid.x] = lid.x;
  workgroupBarrier();
  let o = wid.x * 64u + lid.x;
  out[o] = inp[wid.x * 16u + lid.x];
  workgroupBarrier();
  out[o + 16u] = inp[0xfffffff8u + lid.x];
  workgroupBarrier();
  out[o + 32u] = inp[early] + mixed;
  workgroupBarrier();
  var x = 7u;
  if (lid.x < 12u) { x = inp[s * 8u + lid.x]; }
  out[o + 48u] = x + t[15u - lid.x];
}`;
    const code = cpu(src, false).code;
    const at = code.indexOf('struct DuetInvocations');
    const perInvocation = code.slice(at, code.indexOf('};', at));
    expect(perInvocation).toContain('mixed[16]');
    expect(perInvocation).not.toMatch(/ s\[16\]/);
    expect(code).toContain('unsigned s = {};  // wgsl:7 s, one for the workgroup');
    expect(code).toContain('duet_win(ctx.inp, duet_lx, ');
    expect(code).toContain('if-converted');
    const r = await both(src, {
      dispatch: 4,
      sizes: { out: 256 * 4, inp: 40 * 4 },
      init: { inp: range(40).map((k) => 1000 + k) },
    });
    const inp = (i: number) => 1000 + Math.min(i, 39);
    const want = range(4).flatMap((w) => [
      ...range(16).map((l) => inp(w * 16 + l)),
      ...range(16).map((l) => (l < 8 ? inp(39) : inp(l - 8))),
      ...range(16).map((l) => inp(w * 16 + l) + (l === 3 ? 5 : 0)),
      ...range(16).map((l) => (l < 12 ? inp((w + 1) * 8 + l) : 7) + 15 - l),
    ]);
    expect(r.words).toEqual(want);
  });

  it('reads row windows in a 4 x 2 x 2 workgroup: local_invocation_index, gid.y and gid.z, a struct tail', async () => {
    // Each row (one lid.y, lid.z) has its own window: B is the row's first index, or built from lid.y,
    // lid.z, gid.y, gid.z and a variable held once; a wrong B traps under DUET_CPU_CHECK_PROOFS. inp.data
    // has 40 elements: workgroup 2's last region runs past it (those rows clamp), the other windows fit.
    const src = `
struct S { n: u32, data: array<u32> }
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@group(0) @binding(1) var<storage, read> inp: S;
var<workgroup> t: array<u32, 16>;
@compute @workgroup_size(4, 2, 2) fn main(@builtin(local_invocation_id) lid: vec3<u32>,
    @builtin(local_invocation_index) li: u32, @builtin(global_invocation_id) gid: vec3<u32>,
    @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  var s = nw.x * 2u + wid.x;
  t[li] = li;
  workgroupBarrier();
  let o = wid.x * 64u + li;
  out[o] = inp.data[gid.x + gid.y * 4u + gid.z * 8u];
  workgroupBarrier();
  out[o + 16u] = inp.data[li + s];
  workgroupBarrier();
  s = s * 3u - 7u;
  var x = 9u;
  if (lid.y == 1u && lid.z == 0u) { x = inp.data[lid.z * 4u + lid.y * 8u + lid.x + s]; }
  out[o + 32u] = x + t[15u - li];
  workgroupBarrier();
  out[o + 48u] = inp.data[wid.x * 16u + lid.x + 4u * lid.y + 8u * lid.z];
}`;
    const code = cpu(src, false).code;
    expect(code).toContain('duet_w.inp_data.window(duet_row + s, 4u)');
    expect(code).toContain(
      'duet_w.inp_data.window((duet_g0 + ((duet_g1 + duet_ly) * 4u)) + ((duet_g2 + duet_lz) * 8u), 4u)',
    );
    expect(code).toContain('if-converted');
    const r = await both(src, {
      dispatch: 3,
      sizes: { out: 3 * 64 * 4, inp: 41 * 4 },
      init: { inp: range(41).map((k) => 100 + k) },
    });
    const data = (i: number) => 101 + Math.min(i, 39);
    const want = range(3).flatMap((w) => {
      const s0 = 6 + w;
      const s1 = 3 * s0 - 7;
      const at = (f: (li: number, x: number, y: number, z: number) => number) =>
        range(16).map((li) => f(li, li % 4, Math.floor(li / 4) % 2, Math.floor(li / 8)));
      return [
        ...at((li) => data(4 * w + li)),
        ...at((li) => data(li + s0)),
        ...at((li, x, y, z) => (y === 1 && z === 0 ? data(4 * z + 8 * y + x + s1) : 9) + 15 - li),
        ...at((li) => data(16 * w + li)),
      ];
    });
    expect(r.words).toEqual(want);
  });

  it('if-converts guarded assignments whose right side would trap in C++ when evaluated unguarded', async () => {
    // On the fast path each right side runs whatever its guard says: i32 MIN / -1, a shift by 31 and
    // more, f32 / 0 and a conversion of infinity to i32 are defined in WGSL (sections 8.7, 15.7.6) and
    // in duet_div, duet_shl and duet_f2i, so no row traps and the words are WGSL's.
    const src = `
@group(0) @binding(0) var<storage, read_write> out: array<i32>;
@group(0) @binding(1) var<storage, read> inp: array<i32>;
@compute @workgroup_size(16) fn main(@builtin(local_invocation_id) lid: vec3<u32>,
                                     @builtin(workgroup_id) wid: vec3<u32>) {
  workgroupBarrier();
  var x = 3;
  var y = 5;
  var f = 0.0;
  let a = inp[wid.x * 16u + lid.x];
  if (a != 0 && a != -1) { x = (-2147483647 - 1) / a; }
  if (lid.x < 4u || a > 2) { y = inp[wid.x * 16u + lid.x] << u32(a); }
  if (a > 0) { f = f32(a) / f32(a - a); }
  var z = 0;
  if (f < 100.0 && f > -100.0) { z = i32(f); }
  out[wid.x * 16u + lid.x] = x + y + z;
}`;
    const code = cpu(src, false).code;
    expect(code.split('if-converted').length - 1).toBe(4); // the four ifs, on the rows' fast path
    const values = [0, -1, 1, 7, -5, 31, 33, 2147483647];
    const inp = range(32).map((k) => values[k % 8]!);
    const r = await both(src, { dispatch: 2, sizes: { out: 32 * 4, inp: 32 * 4 }, init: { inp } });
    const want = inp.map((a, k) => {
      const lx = k % 16;
      const x = a !== 0 && a !== -1 ? Math.trunc(-2147483648 / a) | 0 : 3;
      const y = lx < 4 || a > 2 ? a << (a & 31) : 5;
      return (x + y) >>> 0; // f is 0 or infinity: z stays 0
    });
    expect(r.words).toEqual(want);
    expect(r.status).toEqual([0, 0]);
  });

  it("gives a view its first access's row window; an access at another base clamps through it", async () => {
    // out has 40 words: workgroup 2's second write (40 + x) clamps to out[39], which invocation 7 writes last.
    const src = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<workgroup> t: array<u32, 8>;
@compute @workgroup_size(8) fn main(@builtin(local_invocation_id) lid: vec3<u32>,
                                    @builtin(workgroup_id) wid: vec3<u32>) {
  t[lid.x] = lid.x * 10u;
  workgroupBarrier();
  out[wid.x * 16u + lid.x] = t[7u - lid.x];
  out[wid.x * 16u + 8u + lid.x] = t[lid.x] + 1u;
}`;
    const code = cpu(src, false).code;
    expect(code).toContain('duet_w.out.window((wg[0] * 16u) + 0u, 8u)');
    expect(code).toContain('duet_win(ctx.out, duet_lx, (wid.x * 16u) + lid.x)');
    expect(code).toContain('ctx.out[((wid.x * 16u) + 8u) + lid.x]');
    const r = await both(src, { dispatch: 3, sizes: { out: 40 * 4 } });
    const want = range(40).map((i) => {
      const k = i % 16;
      if (i === 39) return 7 * 10 + 1;
      return k < 8 ? (7 - k) * 10 : (k - 8) * 10 + 1;
    });
    expect(r.words).toEqual(want);
  });

  it('runs an interchanged loop row by row: own variables in row arrays, a big one in place, 3-D ids', async () => {
    // 20 trips (unrolled by 16 with a remainder); a scalar and a vector kept in row arrays, an array of
    // 80 bytes (over LOCAL_COPY_BYTES) referenced in place, a let declared in the body; rows of 4 over y, z.
    const src = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<workgroup> t: array<u32, 16>;
@compute @workgroup_size(4, 2, 2) fn main(@builtin(local_invocation_index) li: u32,
                                         @builtin(local_invocation_id) lid: vec3<u32>) {
  t[li] = li * 3u + 1u;
  var acc = li;
  var pair = vec2<u32>(li, 1u);
  var big: array<u32, 20>;
  workgroupBarrier();
  for (var k = 0u; k < 20u; k++) {
    let v = t[(k + lid.z * 5u + lid.y) % 16u];
    acc = acc * 3u + v;
    pair = vec2<u32>(pair.y + v, pair.x ^ k);
    big[k] = acc + lid.x;
  }
  workgroupBarrier();
  out[li * 4u] = acc;
  out[li * 4u + 1u] = pair.x;
  out[li * 4u + 2u] = pair.y;
  out[li * 4u + 3u] = big[li % 20u] + big[19];
}`;
    const code = cpu(src, false).code;
    expect(code).toContain('loop, invocations innermost');
    expect(code).toContain('#pragma GCC unroll 16');
    expect(code).toMatch(/unsigned duet_row_acc\[4\];/);
    expect(code).toMatch(/vec<unsigned, 2> duet_row_pair\[4\];/);
    expect(code).toContain('& big = duet_s->big[duet_li];');
    const r = await both(src, { dispatch: 1, sizes: { out: 256 } });
    const t = range(16).map((li) => li * 3 + 1);
    const want = range(16).flatMap((li) => {
      const [x, y, z] = [li % 4, Math.floor(li / 4) % 2, Math.floor(li / 8)];
      let acc = li;
      let pair = [li, 1];
      const big: number[] = [];
      for (let k = 0; k < 20; k++) {
        const v = t[(k + z * 5 + y) % 16]!;
        acc = (Math.imul(acc, 3) + v) >>> 0;
        pair = [(pair[1]! + v) >>> 0, (pair[0]! ^ k) >>> 0];
        big[k] = (acc + x) >>> 0;
      }
      return [acc, pair[0]!, pair[1]!, (big[li % 20]! + big[19]!) >>> 0];
    });
    expect(r.words).toEqual(want);
  });

  it('interchanges a loop in an entry that returns, and keeps a loop writing shared memory as it was', async () => {
    const src = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<workgroup> t: array<u32, 16>;
@compute @workgroup_size(16) fn main(@builtin(local_invocation_index) li: u32) {
  t[li] = li + 1u;
  var acc = 0u;
  workgroupBarrier();
  for (var k = 0u; k < 16u; k++) {
    acc += t[k] * (li + k);
  }
  workgroupBarrier();
  if (li % 3u == 0u) { out[li] = 7u; return; }
  out[li] = acc;
}`;
    const code = cpu(src, false).code;
    expect(code).toContain('loop, invocations innermost');
    expect(code).toContain('if (duet_s->duet_ret[duet_li]) { duet_all = false; continue; }');
    const r = await both(src, { dispatch: 1, sizes: { out: 64 } });
    expect(r.words).toEqual(
      range(16).map((li) => (li % 3 === 0 ? 7 : range(16).reduce((s, k) => s + (k + 1) * (li + k), 0))),
    );
    const writes = src.replace('acc += t[k] * (li + k);', 'acc += t[k] * (li + k); t[li] = acc;');
    expect(cpu(writes, false).code).not.toContain('loop, invocations innermost');
    // Anything that could let one invocation see another's work, or that lives outside its own
    // variables, keeps the invocation loop outside.
    const body = 'acc += t[k] * (li + k);';
    const helpers = `
var<private> pv: u32;
var<workgroup> hits: atomic<u32>;
fn twice(x: u32) -> u32 { return x * 2u; }
`;
    expect(cpu(helpers + src, false).code).toContain('loop, invocations innermost');
    for (const other of [
      `${body} if (acc > 50u) { break; }`,
      `${body} pv += 1u;`,
      'acc += twice(t[k]);',
      'acc += atomicAdd(&hits, 1u);',
      'let p = &acc; *p += t[k];',
      'for (var j = 0u; j < 2u; j++) { acc += t[j]; }',
    ]) {
      const variant = helpers + src.replace(body, other);
      expect(cpu(variant, false).code, other).not.toContain('loop, invocations innermost');
    }
    const bounded = src.replace('k < 16u; k++', 'k < 16u && acc < 99u; k++');
    expect(cpu(bounded, false).code).not.toContain('loop, invocations innermost');
  });

  it('computes global_invocation_index in every region (it needs the local id, as global_invocation_id does)', async () => {
    // Regions declared duet_lx, duet_ly, duet_lz only for global_invocation_id and local_invocation_id:
    // an entry using global_invocation_index alone did not compile.
    const src = `
requires linear_indexing;
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<workgroup> t: array<u32, 8>;
@compute @workgroup_size(4, 2) fn main(@builtin(global_invocation_index) gi: u32,
                                       @builtin(local_invocation_index) li: u32) {
  t[li] = gi;
  workgroupBarrier();
  out[gi] = t[7u - li] * 100u + gi;
}`;
    const r = await both(src, { dispatch: 2, sizes: { out: 16 * 4 } });
    // Two workgroups of 4 x 2 in a 2 x 1 x 1 grid: gi = w * 4 + lx + ly * 8.
    const want: number[] = [];
    for (const w of [0, 1])
      for (const ly of [0, 1])
        for (const lx of range(4))
          want[w * 4 + lx + ly * 8] = (w * 4 + 3 - lx + (1 - ly) * 8) * 100 + w * 4 + lx + ly * 8;
    expect(r.words).toEqual(want);
    expect(r.status).toEqual([0, 0]);
  });

  it('keeps the fibers for subgroup operations and workgroupUniformLoad inside an expression', () => {
    const uniformLoad = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<workgroup> n: u32;
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) li: u32) {
  if (li == 0u) { n = 5u; }
  let k = workgroupUniformLoad(&n) + 1u;
  out[li] = k;
}`;
    expect(cpu(uniformLoad, false).code).not.toContain('(loop fission at its barriers)');
    const subgroups = `
enable subgroups;
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(32) fn main(@builtin(local_invocation_index) li: u32) {
  workgroupBarrier();
  out[li] = subgroupAdd(li);
}`;
    expect(cpu(subgroups, false).code).not.toContain('(loop fission at its barriers)');
  });
});

describe.skipIf(!gxx)('CPU loop fission against fibers on generated barrier kernels', () => {
  const from = Number(process.env.DUET_FISSION_SEEDS ?? 1);
  const cases = range(6).flatMap((i) => [
    [from + i, [BARRIER_WG, 1, 1]],
    [from + i, [4, 2, 2]],
  ]) as [number, [number, number, number]][];
  it.each(cases)('program %i in a %j workgroup gives the same words and statuses', async (seed, shape) => {
    const src = generateBarrierProgram(seed, shape);
    const input = range(BARRIER_INPUT_WORDS).map((k) => (k * 2654435761) >>> 0);
    const opts = {
      dispatch: 3,
      sizes: { out: 3 * BARRIER_WG * 4, inp: BARRIER_INPUT_WORDS * 4 },
      init: { inp: input },
    };
    const r = await both(src, opts).catch((e: Error) => {
      throw new Error(`${e.message}\n${src}`);
    });
    expect(r.status).toEqual([0, 0, 0]);
  });
});
