import { describe, expect, it } from 'vitest';
import { hasGxx, runOnCpu } from '../testkit/native';
import { translate } from '../translate';

function cpu(source: string): ReturnType<typeof translate> & { ok: true } {
  const r = translate(source, { file: 'k.wgsl', target: 'cpu' });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r;
}

const SAXPY = `
struct P { n: u32, a: f32 }
@group(0) @binding(0) var<uniform> params: P;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(256) fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i < params.n) { y[i] = params.a * x[i] + y[i]; }
}`;

const canRun = await hasGxx();

describe('CPU fast path: windows over gid.x and guards proved per workgroup', () => {
  it('windows the arrays indexed with gid.x (directly or through a let) and proves the uniform guard', () => {
    const code = cpu(SAXPY).code;
    expect(code).toContain('duet_w.x.window(duet_g0, 256u) && duet_w.y.window(duet_g0, 256u)');
    expect(code).toContain('(unsigned long long)duet_g0 + 255u < ctx.params->n');
    expect(code).toContain('if (ctx.duet_full || (i < ctx.params->n)) {');
  });

  it('takes arrayLength as a bound and an early return as the negated guard', () => {
    const code = cpu(`
@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= arrayLength(&y)) { return; }
  y[gid[0]] = gid.x;
}`).code;
    expect(code).toContain('duet_w.y.window(');
    expect(code).toContain('(unsigned long long)duet_g0 + 63u < (&ctx.y)->len');
    expect(code).toContain('if (!ctx.duet_full && (');
  });

  it('proves nothing from names that may mean another value, storage bounds or other workgroup shapes', () => {
    const cases = [
      // a shadowing let: `i` is not gid.x everywhere
      `@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  { let i = 3u; y[i] = 1u; }
}`,
      // a var can be reassigned
      `@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  var i = gid.x;
  i = i * 2u;
  y[i] = 1u;
}`,
      // index arithmetic is not gid.x
      `@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  y[gid.x + 1u] = 1u;
}`,
      // a 2-D workgroup: gid.x does not follow the invocation order
      `@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@compute @workgroup_size(8, 8) fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  y[gid.x] = 1u;
}`,
    ];
    for (const c of cases) expect(cpu(c).code).not.toContain('.window(');
    // A bound read from storage may change while the dispatch runs: no guard is proved from it.
    const storageBound = cpu(`
@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x < y[0]) { y[gid.x] = 1u; }
}`).code;
    expect(storageBound).toContain('.window(');
    expect(storageBound).not.toContain('duet_full');
  });

  it('leaves CUDA output without the fast path', () => {
    const r = translate(SAXPY, { file: 'k.wgsl', target: 'cuda' });
    expect(r.ok && !r.code.includes('duet_full') && !r.code.includes('.window(')).toBe(true);
  });

  it.runIf(canRun)(
    'gives the clamped results where windows fail and guards fail',
    { timeout: 120_000 },
    async () => {
      // `out` (70 words) is shorter than the dispatch (3 x 64); `src` (100) lies between; the bound is 150.
      const r = cpu(`
struct P { n: u32 }
@group(0) @binding(0) var<uniform> params: P;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i < params.n) { out[i] = out[i] + src[i] * 3u; }
}`);
      const src = Array.from({ length: 100 }, (_, k) => k + 1);
      const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, {
        dispatch: 3,
        sizes: { params: 4, src: 400, out: 280 },
        init: { params: [150], src, out: Array(70).fill(0) },
      });
      expect(res.status).toEqual([0, 0, 0]);
      // In order: out[i] += src[min(i, 99)] * 3 for i < 150, every i >= 69 adding to out[69].
      const want = Array.from({ length: 70 }, (_, k) => (k < 69 ? (k + 1) * 3 : 0));
      for (let i = 69; i < 150; i++) want[69]! += src[Math.min(i, 99)]! * 3;
      expect(res.words).toEqual(want);
    },
  );
});
