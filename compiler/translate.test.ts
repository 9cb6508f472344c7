import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from './index';
import { CASES } from './testdata/cases';
import { f32Words, hasGxx, runOnCpu } from './testing/native';

const testdata = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8');

function ok(
  source: string,
  target: 'cuda' | 'cpu' = 'cuda',
  opts: { overrides?: Record<string, number> } = {},
) {
  const r = translate(source, { file: 'k.wgsl', target, ...opts });
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r;
}

/** The module part of a generated source (without the preludes), for readable snapshots. */
function moduleText(code: string): string {
  return code.slice(
    code.indexOf('// ---------------------------------------------------------------- module'),
  );
}

describe('translate: generated source shape (contract §3)', () => {
  it('emits one self-contained CUDA source: prelude, runtime, module, extern "C" __global__ entries', () => {
    const r = ok(testdata('saxpy.wgsl'));
    expect(r.code).toContain('#define DUET_ABI_VERSION 1');
    expect(r.code).toContain('struct DuetParams {');
    expect(r.code).toContain('#define DUET_BARRIER() __syncthreads()');
    expect(r.code).toMatch(/extern "C" __global__ void __launch_bounds__\(256\) duet_k_main\(DuetParams p\)/);
    expect(r.code).not.toContain('#include "');
    expect(r.kernels).toEqual([
      {
        entryPoint: 'main',
        symbol: 'duet_k_main',
        workgroupSize: [256, 1, 1],
        usesBarriers: false,
        usesSubgroups: false,
        usesF16: false,
      },
    ]);
    expect(r.bindings.map((b) => b.name)).toEqual(['params', 'x', 'y']);
  });

  it('emits CPU entries calling duet_cpu_run_workgroup and duet_abi_version', () => {
    const r = ok(testdata('reduce.wgsl'), 'cpu');
    expect(r.code).toContain('extern "C" int duet_k_reduce(const DuetParams* p, const unsigned wg[3])');
    expect(r.code).toContain(
      'duet_cpu_run_workgroup(p, wg, wgSize, duet_body_reduce, sizeof(wgsl::DuetWorkgroup), 1)',
    );
    expect(r.code).toContain('extern "C" int duet_abi_version() { return DUET_ABI_VERSION; }');
    expect(r.kernels[0]!.usesBarriers).toBe(true);
  });

  it('substitutes overrides into @workgroup_size', () => {
    const r = ok(testdata('saxpy.wgsl'), 'cuda', { overrides: { WG: 64 } });
    expect(r.kernels[0]!.workgroupSize).toEqual([64, 1, 1]);
    expect(r.code).toContain('__launch_bounds__(64)');
  });

  it('translates only the requested entry points', () => {
    const src = '@compute @workgroup_size(1) fn a() {}\n@compute @workgroup_size(2) fn b() {}';
    const r = translate(src, { target: 'cuda', entryPoints: ['b'] });
    expect(r.ok && r.kernels.map((k) => k.symbol)).toEqual(['duet_k_b']);
    const bad = translate(src, { target: 'cuda', entryPoints: ['nope'] });
    expect(!bad.ok && bad.diagnostics[0]!.message).toBe("no entry point named 'nope'");
  });

  it('is deterministic', () => {
    expect(ok(testdata('reduce.wgsl')).code).toBe(ok(testdata('reduce.wgsl')).code);
  });

  it('keeps names and marks WGSL lines', () => {
    const text = moduleText(ok(testdata('reduce.wgsl')).code);
    expect(text).toContain('duet_array<float, 256> tile;');
    expect(text).toContain('// wgsl:15');
    expect(text).toContain('if (duet_loop_stop(ctx.control, &ctx.stopped, duet_it0)) break;');
  });

  it('escapes identifiers that collide with C++', () => {
    const r = ok(`@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1) fn main() { let int = 1u; var class = int + 2u; out[0] = class; }`);
    expect(moduleText(r.code)).toContain('const unsigned int_ = 1u;');
    expect(moduleText(r.code)).toContain('unsigned class_ = (int_ + 2u);');
  });
});

describe('translate: snapshots per construct', () => {
  it.each(CASES.map((c) => [c.name, c]))('%s', (_name, c) => {
    expect(moduleText(ok(c.wgsl, 'cuda').code)).toMatchSnapshot();
  });
  it('saxpy', () => {
    expect(moduleText(ok(testdata('saxpy.wgsl')).code)).toMatchSnapshot();
  });
  it('reduce (cpu)', () => {
    expect(moduleText(ok(testdata('reduce.wgsl'), 'cpu').code)).toMatchSnapshot();
  });
});

const gxx = await hasGxx();
if (!gxx) console.warn('g++ not found: skipping CPU execution tests of generated code');

describe.skipIf(!gxx)('generated CPU code runs with WGSL semantics (g++)', () => {
  const runnable = CASES.filter((c) => c.expect || c.expectF32);
  it.each(runnable.map((c) => [c.name, c]))('%s', async (_name, c) => {
    const r = ok(c.wgsl, 'cpu');
    const want = c.expect ?? f32Words(c.expectF32!);
    const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, {
      dispatch: c.dispatch ?? 1,
      sizes: { out: want.length * 4 },
      init: c.initOut ? { out: c.initOut } : undefined,
    });
    expect(res.status.every((s) => s === 0)).toBe(true);
    expect(res.words).toEqual(want.map((w) => w >>> 0));
  });

  it('runs the workgroup reduction test kernel', async () => {
    const r = ok(testdata('reduce.wgsl'), 'cpu');
    const input = f32Words(Array.from({ length: 600 }, (_, i) => i));
    const res = await runOnCpu(
      r.code.replace('"out"', '"out"'),
      r.kernels[0]!,
      r.bindings.map((b) => (b.name === 'partial' ? { ...b, name: 'out' } : b)),
      { dispatch: 3, sizes: { input: 2400, out: 12 }, init: { input } },
    );
    const sum = (a: number, b: number) => ((b - a + 1) * (a + b)) / 2;
    expect(res.words).toEqual(f32Words([sum(0, 255), sum(256, 511), sum(512, 599)]));
  });

  it('stops a runaway loop when the host raises the abort flag', async () => {
    const r = ok(
      `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1) fn main() { var i = 0u; loop { i += 1u; out[0] = i; } }`,
      'cpu',
    );
    // The driver's control[0] is 0; raise it from inside by pointing the abort flag at a non-zero word.
    const code = r.code.replace('ctx.control = p->control;', 'ctx.control = p->control; p->control[0] = 1u;');
    const res = await runOnCpu(code, r.kernels[0]!, r.bindings, { dispatch: 1, sizes: { out: 4 } });
    expect(res.status).toEqual([2]);
    expect(res.words[0]).toBe(1023); // polled once every 1024 iterations (DUET_POLL_INTERVAL)
  });
});
