/**
 * The C++ executor driven through its real protocol (docs/contracts.md §4) with core/frame.ts:
 * builds it with scripts/build-executor.mjs, spawns `duet-executor --backend cpu` and runs the
 * hand-written ABI fixture daemon/executor/testdata/kernels.cpp (with the CPU runtime prepended).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameHeader } from '../../core/frame';
import {
  asF32,
  buildExecutor,
  Executor,
  f32,
  pingPongRun,
  executorRoot as root,
  SAXPY_N,
  saxpyRunOf,
  saxpyWant,
  uniform,
} from './executor-harness';

const here = join(root, 'daemon', 'executor');
const runtime = readFileSync(join(root, 'compiler', 'preludes', 'cpu_runtime.h'), 'utf8');
const kernelsSource = `${runtime}\n${readFileSync(join(here, 'testdata', 'kernels.cpp'), 'utf8')}`;
const brokenSource = `${runtime}\n${readFileSync(join(here, 'testdata', 'broken.cpp'), 'utf8')}`;

let binary = '';
let cacheDir = '';

const N = SAXPY_N;
const saxpyRun = (id: string, warmup: number, samples: number) =>
  saxpyRunOf(id, kernelsSource, 'duet_k_saxpy', warmup, samples);

function spinRun(id: string, timeLimitMs: number): { header: FrameHeader; payloads: Uint8Array[] } {
  return {
    header: {
      type: 'run',
      id,
      source: kernelsSource,
      kernels: [{ symbol: 'duet_k_spin', workgroupSize: [1, 1, 1] }],
      slots: [{ slot: 2, bytes: 16 }],
      passes: [{ kernel: 0, dispatch: [4, 1, 1] }],
      warmup: 0,
      samples: 1,
      timeLimitMs,
      outputs: [2],
    },
    payloads: [new Uint8Array()],
  };
}

beforeAll(() => {
  binary = buildExecutor();
  cacheDir = mkdtempSync(join(tmpdir(), 'duet-executor-test-'));
}, 600_000);

afterAll(() => {
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

describe('duet-executor --backend cpu', () => {
  let ex: Executor;
  beforeAll(async () => {
    ex = new Executor(binary, ['--backend', 'cpu', '--cache-dir', cacheDir]);
  });
  afterAll(async () => {
    ex.close();
    await ex.exited;
  });

  it('says ready with the CPU device and the project’s version', async () => {
    const ready = await ex.next((h) => h.type === 'ready');
    expect(ready.header.backend).toBe('cpu');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(ready.header.version).toBe(pkg.version);
    const device = ready.header.device as Record<string, unknown>;
    expect(device.emulation).toBe(true);
    expect(String(device.name)).toMatch(/^CPU emulation \(/);
    expect(ready.header.abiVersion).toBe(1);
  });

  it('runs saxpy: outputs from one execution whatever the sample count, timings per sample', async () => {
    const { header, payloads } = saxpyRun('saxpy-1', 2, 5);
    ex.send(header, payloads);
    const { frame, phases } = await ex.finish('saxpy-1');
    expect(frame.header.type, JSON.stringify(frame.header)).toBe('result');
    const want = saxpyWant;
    expect(asF32(frame.payloads[0]!)).toEqual(want);
    expect(frame.header.outputs).toEqual([{ slot: 2, bytes: N * 4 }]);
    const timings = frame.header.timings as {
      compile: { ms: number; cacheHit: boolean };
      kernel: { samples: number[]; passes: number[][]; timer: string; resolutionMs: number };
    };
    expect(timings.compile.cacheHit).toBe(false);
    expect(timings.kernel.samples).toHaveLength(5);
    expect(timings.kernel.passes).toHaveLength(1);
    expect(timings.kernel.passes[0]).toHaveLength(5);
    expect(timings.kernel.timer).toBe('steady-clock');
    expect(timings.kernel.resolutionMs).toBeGreaterThan(0);
    // Phases are paced (progress_pacer.h): a cold compile outlasts the window and is reported;
    // the phases after it may be, but only in the order they happen.
    const order = ['compiling', 'uploading', 'running', 'downloading'];
    const seen = phases.map((p) => order.indexOf(String(p.phase)));
    expect(seen[0]).toBe(0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('sends warm tiny runs as their results alone: phases over within the window are not reported', async () => {
    // Unpaced, each of these runs would send four phases. A run may still report one when the
    // machine stalls the executor past the 2 ms window, so the bound is loose but far below 80.
    let reported = 0;
    for (let i = 0; i < 20; i++) {
      const warm = saxpyRun(`saxpy-warm-${i}`, 0, 1);
      ex.send(warm.header, warm.payloads);
      const { frame, phases } = await ex.finish(`saxpy-warm-${i}`);
      expect(frame.header.type).toBe('result');
      expect((frame.header.timings as { compile: { cacheHit: boolean } }).compile.cacheHit).toBe(true);
      reported += phases.length;
    }
    expect(reported).toBeLessThan(20);
  });

  it('restores writable slots before every execution: in-place output independent of repetitions', async () => {
    const one = saxpyRun('saxpy-once', 0, 1);
    ex.send(one.header, one.payloads);
    const a = await ex.finish('saxpy-once');
    const many = saxpyRun('saxpy-many', 3, 9);
    ex.send(many.header, many.payloads);
    const b = await ex.finish('saxpy-many');
    expect(b.frame.header.type).toBe('result');
    expect(b.frame.payloads[0]).toEqual(a.frame.payloads[0]);
    expect((a.frame.header.timings as { compile: { cacheHit: boolean } }).compile.cacheHit).toBe(true);
  });

  it('names a source sent before by its sha256 alone; asks for the source it does not have', async () => {
    const hash = createHash('sha256').update(kernelsSource).digest('hex');
    const first = saxpyRun('by-hash-1', 0, 1);
    ex.send({ ...first.header, sourceHash: hash }, first.payloads);
    const a = await ex.finish('by-hash-1');
    expect(a.frame.header.type, JSON.stringify(a.frame.header)).toBe('result');

    const second = saxpyRun('by-hash-2', 0, 1);
    const byHash: FrameHeader = { ...second.header, sourceHash: hash };
    delete byHash.source;
    ex.send(byHash, second.payloads);
    const b = await ex.finish('by-hash-2');
    expect(b.frame.header.type, JSON.stringify(b.frame.header)).toBe('result');
    expect((b.frame.header.timings as { compile: { cacheHit: boolean } }).compile.cacheHit).toBe(true);
    expect(b.frame.payloads[0]).toEqual(a.frame.payloads[0]);

    const unknown = saxpyRun('by-hash-unknown', 0, 1);
    const noSource: FrameHeader = { ...unknown.header, sourceHash: 'e'.repeat(64) };
    delete noSource.source;
    ex.send(noSource, unknown.payloads);
    const c = await ex.finish('by-hash-unknown');
    expect(c.frame.header).toMatchObject({ type: 'error', code: 'need-source', fatal: false });

    const lying = saxpyRun('by-hash-mismatch', 0, 1);
    ex.send({ ...lying.header, sourceHash: 'e'.repeat(64) }, lying.payloads);
    const d = await ex.finish('by-hash-mismatch');
    expect(d.frame.header).toMatchObject({ type: 'error', code: 'internal' });
    expect(String(d.frame.header.message)).toMatch(/sourceHash.*is not the sha256/);
  });

  it('runs a workgroup reduction that uses duet_cpu_barrier', async () => {
    const groups = 8;
    const x = Array.from({ length: groups * 128 }, (_, i) => i % 97);
    ex.send(
      {
        type: 'run',
        id: 'reduce',
        source: kernelsSource,
        kernels: [{ symbol: 'duet_k_reduce', workgroupSize: [128, 1, 1] }],
        slots: [
          { slot: 1, bytes: x.length * 4, kind: 'storage-read' },
          { slot: 2, bytes: groups * 4 },
        ],
        passes: [{ kernel: 0, dispatch: [groups, 1, 1] }],
        warmup: 1,
        samples: 2,
        outputs: [2],
      },
      [f32(x), new Uint8Array()],
    );
    const { frame } = await ex.finish('reduce');
    expect(frame.header.type, JSON.stringify(frame.header)).toBe('result');
    const want = Array.from({ length: groups }, (_, g) =>
      x.slice(g * 128, g * 128 + 128).reduce((s, v) => s + v, 0),
    );
    expect(asF32(frame.payloads[0]!)).toEqual(want);
  });

  it('runs passes in order with per-pass uniforms and swap (ping-pong)', async () => {
    const run = pingPongRun('passes', kernelsSource, 'duet_k_step');
    ex.send(run.header, run.payloads);
    const { frame } = await ex.finish('passes');
    expect(frame.header.type, JSON.stringify(frame.header)).toBe('result');
    expect(frame.payloads.map((p) => asF32(p))).toEqual(run.want);
    const kernel = (frame.header.timings as { kernel: { passes: number[][]; samples: number[] } }).kernel;
    expect(kernel.passes).toHaveLength(2);
    expect(kernel.samples).toHaveLength(3);
  });

  it('stops an endless loop at the time limit, then runs the next job', async () => {
    const spin = spinRun('spin', 300);
    ex.send(spin.header, spin.payloads);
    const { frame } = await ex.finish('spin');
    expect(frame.header.type).toBe('error');
    expect(frame.header.code).toBe('time-limit');
    expect(frame.header.message).toBe('time limit exceeded after 0.3 s');
    expect(frame.header.fatal).toBe(false);
    const next = saxpyRun('after-spin', 0, 1);
    ex.send(next.header, next.payloads);
    const after = await ex.finish('after-spin');
    expect(after.frame.header.type).toBe('result');
  });

  it('reports barrier divergence', async () => {
    ex.send(
      {
        type: 'run',
        id: 'diverge',
        source: kernelsSource,
        kernels: [{ symbol: 'duet_k_diverge', workgroupSize: [32, 1, 1] }],
        slots: [],
        passes: [{ kernel: 0, dispatch: [2, 1, 1] }],
        samples: 1,
      },
      [],
    );
    const { frame } = await ex.finish('diverge');
    expect(frame.header.type).toBe('error');
    expect(frame.header.code).toBe('barrier');
    expect(String(frame.header.message)).toMatch(/only part of a workgroup/);
  });

  it('reports a compile error with the compiler log', async () => {
    ex.send(
      {
        type: 'run',
        id: 'broken',
        source: brokenSource,
        kernels: [{ symbol: 'duet_k_main', workgroupSize: [1, 1, 1] }],
        slots: [],
        passes: [{ kernel: 0, dispatch: [1, 1, 1] }],
      },
      [],
    );
    const { frame } = await ex.finish('broken');
    expect(frame.header.type).toBe('error');
    expect(frame.header.code).toBe('compile');
    expect(String(frame.header.log)).toMatch(/this_is_not_declared/);
  });

  it('cancels a running kernel', async () => {
    const spin = spinRun('cancel-me', 120_000);
    ex.send(spin.header, spin.payloads);
    await ex.next((h) => h.type === 'phase' && h.id === 'cancel-me' && h.phase === 'running');
    ex.send({ type: 'cancel', id: 'cancel-me' });
    const { frame } = await ex.finish('cancel-me');
    expect(frame.header.type).toBe('error');
    expect(frame.header.code).toBe('aborted');
  });

  it('rejects a malformed run frame without dying', async () => {
    ex.send({ type: 'run', id: 'bad', source: 'x', kernels: [], slots: [], passes: [] });
    const { frame } = await ex.finish('bad');
    expect(frame.header.code).toBe('internal');
    expect(String(frame.header.message)).toMatch(/^invalid run frame: /);
    ex.send({ type: 'health' });
    const health = await ex.next((h) => h.type === 'health');
    expect(health.header.ok).toBe(true);
  });
});

describe('duet-executor --backend cuda without a device', () => {
  it('answers fatal "no CUDA device" and exits 1', async () => {
    const ex = new Executor(binary, ['--backend', 'cuda', '--cache-dir', cacheDir], {
      ...process.env,
      DUET_LIBCUDA: '/nonexistent/libcuda.so.1',
    });
    const fatal = await ex.next((h) => h.type === 'fatal');
    expect(String(fatal.header.message)).toMatch(
      /^no CUDA device: \/nonexistent\/libcuda\.so\.1 not found \(/,
    );
    expect(await ex.exited).toBe(1);
  });

  it('falls back to the CPU with --backend auto', async () => {
    const ex = new Executor(binary, ['--backend', 'auto', '--cache-dir', cacheDir], {
      ...process.env,
      DUET_LIBCUDA: '/nonexistent/libcuda.so.1',
    });
    const ready = await ex.next((h) => h.type === 'ready');
    expect(ready.header.backend).toBe('cpu');
    expect(String(ready.header.fallbackReason)).toMatch(/^no CUDA device/);
    ex.close();
    expect(await ex.exited).toBe(0);
  });
});

describe('duet-executor crash reporting', () => {
  it('answers a fatal "launch" error frame when a kernel faults', async () => {
    const ex = new Executor(binary, ['--backend', 'cpu', '--cache-dir', cacheDir]);
    await ex.next((h) => h.type === 'ready');
    ex.send(
      {
        type: 'run',
        id: 'crash',
        source: kernelsSource,
        kernels: [{ symbol: 'duet_k_crash', workgroupSize: [1, 1, 1] }],
        slots: [],
        passes: [{ kernel: 0, dispatch: [1, 1, 1] }],
      },
      [],
    );
    const { frame } = await ex.finish('crash');
    expect(frame.header.type).toBe('error');
    expect(frame.header.code).toBe('launch');
    expect(frame.header.fatal).toBe(true);
    expect(String(frame.header.message)).toMatch(/the kernel crashed \(SIG/);
    expect(await ex.exited).not.toBe(0);
  });
});

type TranslateFn = (
  source: string,
  opts: { target: 'cuda' | 'cpu' },
) =>
  | {
      ok: true;
      code: string;
      kernels: { entryPoint: string; symbol: string; workgroupSize: number[] }[];
      bindings: { slot: number; name: string; kind: string }[];
    }
  | { ok: false; diagnostics: unknown[] };

const translatorPath = join(root, 'compiler', 'index.ts');
/** The translator, once compiler/index.ts exports `translate` (imported lazily: another part). */
async function loadTranslate(): Promise<TranslateFn | undefined> {
  if (!existsSync(translatorPath)) return undefined;
  if (!/export\s[^;]*\btranslate\b/.test(readFileSync(translatorPath, 'utf8'))) return undefined;
  const mod = (await import(/* @vite-ignore */ translatorPath)) as { translate?: TranslateFn };
  return typeof mod.translate === 'function' ? mod.translate : undefined;
}

describe('translator output through the executor (contract §2 → §3 → §4)', () => {
  it('runs translated saxpy and a barrier reduction', async (ctx) => {
    const translateFn = await loadTranslate();
    if (!translateFn) return ctx.skip('compiler/index.ts does not export translate yet');
    const wgsl = `
struct Params { n: u32, a: f32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
var<workgroup> partial: array<f32, 64>;

@compute @workgroup_size(64) fn saxpy(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x < params.n) { y[gid.x] = params.a * x[gid.x] + y[gid.x]; }
}

@compute @workgroup_size(64) fn reduce(@builtin(local_invocation_index) li: u32,
                                       @builtin(workgroup_id) wid: vec3u,
                                       @builtin(global_invocation_id) gid: vec3u) {
  partial[li] = x[gid.x];
  for (var s = 32u; s > 0u; s = s >> 1u) {
    workgroupBarrier();
    if (li < s) { partial[li] = partial[li] + partial[li + s]; }
  }
  workgroupBarrier();
  if (li == 0u) { y[wid.x] = partial[0]; }
}`;
    const t = translateFn(wgsl, { target: 'cpu' });
    if (!t.ok) throw new Error(JSON.stringify(t.diagnostics));
    const ex = new Executor(binary, ['--backend', 'cpu', '--cache-dir', cacheDir]);
    await ex.next((h) => h.type === 'ready');
    const kernels = t.kernels.map((k) => ({ symbol: k.symbol, workgroupSize: k.workgroupSize }));
    const slotOf = (name: string) => t.bindings.find((b) => b.name === name)!.slot;
    const n = 640;
    const x = Array.from({ length: n }, (_, i) => (i % 13) - 6);
    const y = Array.from({ length: n }, (_, i) => i);
    const slots = [
      { slot: slotOf('params'), bytes: 8, kind: 'uniform' },
      { slot: slotOf('x'), bytes: n * 4, kind: 'storage-read' },
      { slot: slotOf('y'), bytes: n * 4, kind: 'storage' },
    ];
    const payloads = [uniform(n, 2), f32(x), f32(y)];
    const entry = (name: string) => t.kernels.findIndex((k) => k.entryPoint === name);
    ex.send(
      {
        type: 'run',
        id: 't-saxpy',
        source: t.code,
        kernels,
        slots,
        passes: [{ kernel: entry('saxpy'), dispatch: [n / 64, 1, 1] }],
        warmup: 1,
        samples: 2,
        outputs: [slotOf('y')],
      },
      payloads,
    );
    const saxpy = await ex.finish('t-saxpy');
    expect(saxpy.frame.header.type, JSON.stringify(saxpy.frame.header)).toBe('result');
    expect(asF32(saxpy.frame.payloads[0]!)).toEqual(x.map((v, i) => 2 * v + y[i]!));
    ex.send(
      {
        type: 'run',
        id: 't-reduce',
        source: t.code,
        kernels,
        slots,
        passes: [{ kernel: entry('reduce'), dispatch: [n / 64, 1, 1] }],
        samples: 1,
        outputs: [slotOf('y')],
      },
      payloads,
    );
    const reduce = await ex.finish('t-reduce');
    expect(reduce.frame.header.type, JSON.stringify(reduce.frame.header)).toBe('result');
    const sums = asF32(reduce.frame.payloads[0]!).slice(0, n / 64);
    expect(sums).toEqual(
      Array.from({ length: n / 64 }, (_, g) => x.slice(g * 64, g * 64 + 64).reduce((s, v) => s + v, 0)),
    );
    ex.close();
    await ex.exited;
  });
});

describe('C++ unit tests', () => {
  it('pass', () => {
    const tests = join(dirname(binary), 'duet-executor-tests');
    expect(existsSync(tests)).toBe(true);
    const out = execFileSync(tests, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toMatch(/executor: \d+ passed, 0 failed/);
  });
});
