/**
 * `duet run --backend webgpu` end to end: the browser runner in Debian's headless Chromium with real
 * WebGPU (SwiftShader when there is no GPU), checked against independent TypeScript references.
 * Skipped only when /usr/bin/chromium is absent (then the missing-browser error is still tested).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebGpuError } from '../app/gpu/errors';
import type { PhaseEvent } from '../app/gpu/runner';
import { compareBytes, compareOutputs } from '../core/compare';
import { generateBinding } from '../core/generators';
import type { SideResult } from '../core/result';
import { parseWorkload, type Workload, type WorkloadInput } from '../core/workload';
import { reduceWorkgroupReference } from '../shaders/reduce-workgroup/reference';
import { saxpyReference } from '../shaders/saxpy/reference';
import {
  type ChromiumRunner,
  chromiumArgs,
  DEFAULT_CHROMIUM,
  openChromiumRunner,
  runInChromium,
} from './webgpu';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const hasChromium = existsSync(DEFAULT_CHROMIUM);

function parsed(input: WorkloadInput): Workload {
  const r = parseWorkload(input);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.workload;
}

/** shaders/<name>/workload.json with its `wgslFile` inlined, and optional changes. */
function libraryWorkload(name: string, patch: Partial<WorkloadInput> = {}): Workload {
  const dir = join(root, 'shaders', name);
  const { wgslFile, ...raw } = JSON.parse(readFileSync(join(dir, 'workload.json'), 'utf8'));
  return parsed({ ...raw, wgsl: readFileSync(join(dir, wgslFile), 'utf8'), ...patch });
}

function input(w: Workload, name: string): Uint8Array {
  return generateBinding(w.bindings.find((b) => b.name === name)!);
}
const f32 = (bytes: Uint8Array) => new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
const asBytes = (a: Float32Array | Uint32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * Index of the first differing byte, or -1 when equal (lengths included). Asserting on this instead
 * of toEqual keeps a failure readable: vitest's diff of two 256 KiB typed arrays takes minutes.
 */
function firstDifference(a: Uint8Array | undefined, b: Uint8Array | undefined): number {
  if (!a || !b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function expectCloseToReference(actual: Uint8Array | undefined, expected: Float32Array): void {
  const c = compareBytes('f32', actual ?? new Uint8Array(0), asBytes(expected));
  expect(c.bytesA).toBe(expected.byteLength);
  expect(c.firstMismatches).toEqual([]);
  expect(['match', 'within-tolerance']).toContain(c.verdict);
}

it('uses exactly the documented Chromium flags', () => {
  const base = [
    '--enable-unsafe-webgpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  expect(chromiumArgs(false)).toEqual(base);
  expect(chromiumArgs(true)).toEqual([...base, '--no-sandbox']);
});

it('says how to install Chromium when the executable is missing', async () => {
  const w = libraryWorkload('saxpy');
  const err = await runInChromium(w, { chromiumPath: '/nonexistent/chromium' }).catch((e) => e);
  expect(err).toBeInstanceOf(WebGpuError);
  expect(err.kind).toBe('unavailable');
  expect(err.message).toContain('apt-get install chromium');
});

describe.skipIf(!hasChromium)('headless Chromium WebGPU', () => {
  // One browser for most tests (as `duet bench` uses it); the first tests launch their own.
  let shared: ChromiumRunner;
  beforeAll(async () => {
    shared = await openChromiumRunner();
  });
  afterAll(async () => {
    await shared?.close();
  });

  it('runs SAXPY, matches the TS reference, and reports every phase and timing', async () => {
    const w = libraryWorkload('saxpy', { runs: { warmup: 1, samples: 3 } });
    const phases: PhaseEvent[] = [];
    const r = await runInChromium(w, { onPhase: (e) => phases.push(e) });
    const n = 65536;
    expectCloseToReference(r.outputs.y, saxpyReference(n, 2.5, f32(input(w, 'x')), f32(input(w, 'y'))));

    expect(r.backend).toBe('webgpu');
    expect(r.device.name).toBeTruthy();
    expect(r.device.limits?.maxStorageBufferBindingSize).toBeGreaterThan(0);
    expect(Object.keys(r.outputs)).toEqual(['y']);
    expect(r.timings.kernel.count).toBe(3);
    expect(r.timings.kernel.samples).toHaveLength(3);
    expect(['timestamp-query', 'wall-submit']).toContain(r.timings.kernel.timer);
    for (const ms of [
      r.timings.compile.ms,
      r.timings.upload.ms,
      r.timings.download.ms,
      ...r.timings.kernel.samples,
    ]) {
      expect(ms).toBeGreaterThanOrEqual(0);
    }
    expect(phases.map((p) => p.phase)).toEqual([
      'compiling',
      'uploading',
      'running',
      'downloading',
      'running',
      'running',
      'running',
      'running',
    ]);
    expect(phases.filter((p) => p.phase === 'running').map((p) => `${p.sample}/${p.of}`)).toEqual([
      '1/5',
      '2/5',
      '3/5',
      '4/5',
      '5/5',
    ]);
  });

  it('gives an in-place kernel the same output with 1 sample and with 5, and restores y before each', async () => {
    const results: SideResult[] = [];
    for (const runs of [
      { warmup: 0, samples: 1 },
      { warmup: 2, samples: 5 },
    ]) {
      const w = libraryWorkload('saxpy', { runs });
      let final: Record<string, Uint8Array> | undefined;
      results.push(await runInChromium(w, { onFinalOutputs: (o) => (final = o) }));
      // After the last of 1 or 7 repetitions y is still a·x + y of the initial y: each started pristine.
      expect(firstDifference(final?.y, results.at(-1)!.outputs.y)).toBe(-1);
    }
    const [one, five] = results as [SideResult, SideResult];
    expect(firstDifference(five.outputs.y, one.outputs.y)).toBe(-1);
    expect(compareOutputs(libraryWorkload('saxpy'), one, five).map((c) => c.verdict)).toEqual(['match']);
  });

  it('runs the workgroup reduction and matches the tree-order TS reference', async () => {
    const w = libraryWorkload('reduce-workgroup', { runs: { warmup: 0, samples: 2 } });
    const r = await shared.run(w);
    expectCloseToReference(
      r.outputs.partials,
      reduceWorkgroupReference(f32(input(w, 'values')), 65536, 256, 256),
    );
  });

  it('runs passes in order with per-pass uniform fields and ping-pong swaps', async () => {
    // Each pass: dst = src + params.add, then swap(src, dst). After three passes `src` names the
    // buffer the last pass wrote: iota + 1 + 10 + 100. `dst` names the one written by pass 2.
    const n = 1000;
    const w = parsed({
      name: 'ping-pong',
      wgsl: `struct P { add: f32, n: u32 }
        @group(0) @binding(0) var<uniform> params: P;
        @group(0) @binding(1) var<storage, read_write> src: array<f32>;
        @group(0) @binding(2) var<storage, read_write> dst: array<f32>;
        @compute @workgroup_size(64) fn step(@builtin(global_invocation_id) g: vec3u) {
          if (g.x < params.n) { dst[g.x] = src[g.x] + params.add; }
        }`,
      passes: [1, 10, 100].map((add) => ({
        entryPoint: 'step',
        dispatch: [Math.ceil(n / 64), 1, 1] as [number, number, number],
        fields: { params: { add } },
        swap: ['src', 'dst'] as [string, string],
      })),
      bindings: [
        { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: { add: 0, n } },
        {
          group: 0,
          binding: 1,
          name: 'src',
          kind: 'storage',
          element: 'f32',
          length: n,
          init: { iota: { start: 0, step: 1 } },
          output: true,
        },
        { group: 0, binding: 2, name: 'dst', kind: 'storage', element: 'f32', length: n, output: true },
      ],
      runs: { warmup: 1, samples: 3 },
    });
    let final: Record<string, Uint8Array> | undefined;
    const r = await shared.run(w, { onFinalOutputs: (o) => (final = o) });
    const iota = Float32Array.from({ length: n }, (_, i) => i);
    expectCloseToReference(
      r.outputs.src,
      iota.map((v) => v + 111),
    );
    expectCloseToReference(
      r.outputs.dst,
      iota.map((v) => v + 11),
    );
    expect(firstDifference(final?.src, r.outputs.src)).toBe(-1);
    expect(firstDifference(final?.dst, r.outputs.dst)).toBe(-1);
    if (r.timings.kernel.timer === 'timestamp-query') {
      expect(r.timings.kernel.passes).toHaveLength(3);
      expect(r.timings.kernel.passes!.every((p) => p.count === 3)).toBe(true);
    }
  });

  it('passes workload.overrides as pipeline constants', async () => {
    const w = parsed({
      name: 'override',
      wgsl: `override SCALE: f32 = 1.0;
        @group(0) @binding(0) var<storage, read_write> out: array<u32>;
        @compute @workgroup_size(4) fn main(@builtin(global_invocation_id) g: vec3u) { out[g.x] = u32(f32(g.x) * SCALE); }`,
      entryPoint: 'main',
      overrides: { SCALE: 3 },
      dispatch: [1, 1, 1],
      bindings: [
        { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: 4, output: true },
      ],
      runs: { warmup: 0, samples: 1 },
    });
    const r = await shared.run(w);
    expect(Array.from(new Uint32Array(r.outputs.out!.slice().buffer))).toEqual([0, 3, 6, 9]);
  });

  it('reads back exactly length × element bytes when the GPU buffer is padded', async () => {
    const w = parsed({
      name: 'odd-bytes',
      wgsl: `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
        @compute @workgroup_size(1) fn main() { out[0] = 0x04030201u; out[1] = 0x08070605u; }`,
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [
        { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'bytes', length: 7, output: true },
      ],
      runs: { warmup: 0, samples: 1 },
    });
    const r = await shared.run(w);
    expect(Array.from(r.outputs.out!)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('reports WGSL errors as kind "compile" with line and column', async () => {
    const w = libraryWorkload('saxpy', {
      wgsl: 'struct Params { n: u32, a: f32 }\n\nfn main() { let x: i32 = 1.5; }\n',
    });
    const err = await shared.run(w).catch((e) => e);
    expect(err).toBeInstanceOf(WebGpuError);
    expect(err.kind).toBe('compile');
    const first = err.messages.find((m: { type: string }) => m.type === 'error');
    expect(first).toMatchObject({ lineNum: 3 });
    expect(first.linePos).toBeGreaterThan(1);
  });

  it('reports a binding whose kind disagrees with the WGSL as kind "validation"', async () => {
    const base = libraryWorkload('saxpy', { runs: { warmup: 0, samples: 1 } });
    const bindings = base.bindings.map((b) => (b.name === 'x' ? { ...b, kind: 'storage' as const } : b));
    const err = await shared.run({ ...base, bindings }).catch((e) => e);
    expect(err).toBeInstanceOf(WebGpuError);
    expect(err.kind).toBe('validation');
  });

  it('reports a buffer smaller than the shader needs, at dispatch time, as kind "validation"', async () => {
    const w = parsed({
      name: 'too-small',
      wgsl: `@group(0) @binding(0) var<storage, read_write> out: array<vec4<f32>>;
        @compute @workgroup_size(1) fn main() { out[0] = vec4<f32>(1.0); }`,
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [
        { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'f32', length: 1, output: true },
      ],
      runs: { warmup: 0, samples: 1 },
    });
    const err = await shared.run(w).catch((e) => e);
    expect(err).toBeInstanceOf(WebGpuError);
    expect(err.kind).toBe('validation');
  });

  it('asks for shader-f16 when the WGSL enables f16, and says so when the adapter lacks it', async () => {
    const w = parsed({
      name: 'f16',
      wgsl: `enable f16;
        @group(0) @binding(0) var<storage, read_write> out: array<f16>;
        @compute @workgroup_size(2) fn main(@builtin(global_invocation_id) g: vec3u) { out[g.x] = f16(g.x) + 0.5h; }`,
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [
        { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'f16', length: 2, output: true },
      ],
      runs: { warmup: 0, samples: 1 },
    });
    const outcome = await shared.run(w).then(
      (r) => ({ ok: true as const, r }),
      (e) => ({ ok: false as const, e }),
    );
    if (outcome.ok) {
      // An adapter with shader-f16 (a real GPU): 0.5 and 1.5 as f16 bits.
      expect(Array.from(new Uint16Array(outcome.r.outputs.out!.slice().buffer))).toEqual([0x3800, 0x3e00]);
    } else {
      expect(outcome.e).toBeInstanceOf(WebGpuError);
      expect(outcome.e.kind).toBe('feature');
      expect(outcome.e.message).toContain("'shader-f16'");
    }
  });

  it('rejects with an AbortError when cancelled', async () => {
    const w = libraryWorkload('saxpy', { runs: { warmup: 0, samples: 200 } });
    const controller = new AbortController();
    const err = await runInChromium(w, {
      signal: controller.signal,
      onPhase: (e) => {
        if (e.phase === 'running' && e.sample === 3) controller.abort();
      },
    }).catch((e) => e);
    expect((err as Error).name).toBe('AbortError');
  });

  it('keeps a shared browser usable after a cancelled run', async () => {
    const w = libraryWorkload('saxpy', { runs: { warmup: 0, samples: 200 } });
    const controller = new AbortController();
    const err = await shared
      .run(w, {
        signal: controller.signal,
        onPhase: (e) => {
          if (e.phase === 'running' && e.sample === 2) controller.abort();
        },
      })
      .catch((e) => e);
    expect((err as Error).name).toBe('AbortError');
    const again = await shared.run(libraryWorkload('saxpy', { runs: { warmup: 0, samples: 1 } }));
    expect(again.outputs.y?.byteLength).toBe(65536 * 4);
  });
});
