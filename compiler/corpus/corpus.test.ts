/**
 * Differential test of the translator: every corpus kernel runs from the same workload in headless
 * Chromium's WebGPU (one browser session for the whole corpus) and on the CPU backend (the C++
 * executor behind an embedded daemon, exactly what `duet run --backend cpu` uses), and the outputs
 * must agree: integers exactly, floats within core/compare.ts's tolerance (or the binding's own).
 *
 * Per kernel: (a) translation for cuda and cpu succeeds — or fails with exactly the diagnostic that
 * known-unsupported.json records; (b) WebGPU run; (c) CPU run; (d) comparison, where known-failures.json
 * pins a recorded mismatch and browser-divergent.json replaces the browser by the WGSL answer.
 *
 * Safety kernels (safety/): out-of-bounds behaviour differs between WebGPU backends, so there only
 * `guard*` outputs (bindings around the target) must keep their initial bytes on both sides and
 * `result*` outputs (computed from in-bounds accesses) are compared; other outputs are reported.
 *
 * Two lanes run side by side (≤ 2 busy cores): the browser runs kernels one after another, the CPU
 * backend does the same; both lanes start in beforeAll and each test awaits its own kernel.
 */
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DaemonError, submitRun } from '#daemon-client';
import { WebGpuError } from '../../app/gpu/errors';
import { ensureExecutorBuilt } from '../../cli/ensure-executor';
import { type ChromiumRunner, openChromiumRunner } from '../../cli/webgpu';
import { compareBinding, type OutputComparison } from '../../core/compare';
import { generateBinding } from '../../core/generators';
import type { SideResult } from '../../core/result';
import type { Binding, ElementType } from '../../core/workload';
import { type RunningDaemon, startDaemon } from '../../daemon/daemon';
import type { TranslateFn, TranslateOutput, TranslateTarget } from '../../daemon/translation';
import * as compiler from '../index';
import {
  browserDivergent,
  type CorpusKernel,
  firstErrors,
  knownFailures,
  knownUnsupported,
  loadCorpus,
} from './corpus';

const kernels = loadCorpus();
const unsupported = new Map(knownUnsupported().map((e) => [e.kernel, e]));
const failures = knownFailures();
const divergent = browserDivergent();
const TARGETS: TranslateTarget[] = ['cuda', 'cpu'];

/** The translator, once compiler/index.ts exports it (contract §2). */
function translator(): TranslateFn {
  const fn = (compiler as Record<string, unknown>).translate;
  if (typeof fn !== 'function') throw new Error('compiler/index.ts does not export translate() yet');
  return fn as TranslateFn;
}

function translateKernel(k: CorpusKernel, target: TranslateTarget): TranslateOutput {
  const opts = {
    file: basename(k.wgslPath),
    target,
    ...(k.workload.overrides ? { overrides: k.workload.overrides } : {}),
  };
  return translator()(k.workload.wgsl, opts);
}

function diagnosticLine(d: {
  file: string;
  line: number;
  col: number;
  severity: string;
  message: string;
}): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
}

function values(element: ElementType, bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = element === 'f16' ? 2 : element === 'bytes' ? 1 : 4;
  const out: number[] = [];
  for (let i = 0; i + size <= bytes.length; i += size) {
    if (element === 'f32') out.push(view.getFloat32(i, true));
    else if (element === 'i32') out.push(view.getInt32(i, true));
    else if (element === 'u32') out.push(view.getUint32(i, true));
    else if (element === 'f16') out.push(view.getUint16(i, true));
    else out.push(view.getUint8(i));
  }
  return out;
}

function describeMismatch(kernel: string, c: OutputComparison): string {
  const first = c.firstMismatches
    .slice(0, 4)
    .map((m) => `index ${m.index}: webgpu=${m.a} cpu=${m.b} (abs ${m.abs}, ${m.ulp} ULP)`)
    .join('; ');
  const tol = c.tolerance ? ` beyond tolerance ${JSON.stringify(c.tolerance)}` : '';
  const size =
    c.verdict === 'size-mismatch' ? ` [sizes differ: webgpu ${c.bytesA} bytes, cpu ${c.bytesB} bytes]` : '';
  return `${kernel}: binding "${c.name}" (${c.element}): ${c.mismatchCount} of ${c.count} elements differ${tol}${size}; first at ${first}`;
}

/** Index of the first differing element, or -1 (both arrays the same). */
function firstDifference(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

let browser: ChromiumRunner | undefined;
let daemon: RunningDaemon | undefined;
const webgpuRuns = new Map<string, Promise<SideResult>>();
const cpuRuns = new Map<string, Promise<SideResult>>();
const ignore = () => {};

beforeAll(async () => {
  browser = await openChromiumRunner();
  const missing = ensureExecutorBuilt();
  if (missing) throw new Error(missing);
  daemon = await startDaemon({
    host: '127.0.0.1',
    port: 0,
    backend: 'cpu',
    // The whole corpus comes from one client within a few minutes.
    limits: { maxRunsPerClientPerMinute: 100_000 },
  });
  const target = { url: daemon.url, token: daemon.token };
  let webgpuLane: Promise<unknown> = Promise.resolve();
  let cpuLane: Promise<unknown> = Promise.resolve();
  for (const k of kernels) {
    if (unsupported.has(k.id)) continue;
    const w = webgpuLane.then(() => browser!.run(k.workload));
    const c = cpuLane.then(() => submitRun(target, k.workload));
    webgpuLane = w.catch(ignore);
    cpuLane = c.catch(ignore);
    w.catch(ignore); // awaited by the kernel's own test; no unhandled rejection meanwhile
    c.catch(ignore);
    webgpuRuns.set(k.id, w);
    cpuRuns.set(k.id, c);
  }
});

afterAll(async () => {
  await browser?.close();
  await daemon?.close();
});

describe('corpus lists', () => {
  const ids = new Set(kernels.map((k) => k.id));

  it('has at least 100 kernels, each with a one-line comment saying what it proves', () => {
    expect(kernels.filter((k) => !k.safety).length).toBeGreaterThanOrEqual(100);
    const missing = kernels.filter((k) => !/^\/\/ \S/.test(k.workload.wgsl)).map((k) => k.id);
    expect(missing, 'kernels without a leading "// what it proves" comment').toEqual([]);
  });

  it('names only kernels that exist', () => {
    const stale = [
      ...unsupported.keys(),
      ...failures.map((f) => f.kernel),
      ...divergent.map((d) => d.kernel),
    ].filter((id) => !ids.has(id));
    expect(
      stale,
      'entries in known-unsupported / known-failures / browser-divergent without a kernel',
    ).toEqual([]);
  });
});

describe.each(kernels.map((k) => [k.id, k] as const))('%s', (_id, k) => {
  const known = unsupported.get(k.id);

  it.each(TARGETS)(`translates for %s${known ? ' (known unsupported)' : ''}`, (target) => {
    const r = translateKernel(k, target);
    if (known) {
      const got = r.ok ? '(translation succeeded)' : diagnosticLine(r.diagnostics[0]!);
      expect(got, `${k.id} is listed in known-unsupported.json; if it translates now, remove it`).toBe(
        known.diagnostic,
      );
      return;
    }
    const why = r.ok ? '' : r.diagnostics.map(diagnosticLine).join('\n');
    expect(r.ok, `${k.id}: translation for ${target} failed:\n${why}`).toBe(true);
  });

  it.skipIf(!!known)(
    'runs in WebGPU and on the CPU backend with the same results',
    { timeout: 180_000 },
    async (ctx) => {
      const [w, c] = await Promise.allSettled([webgpuRuns.get(k.id)!, cpuRuns.get(k.id)!]);
      const compileBug = failures.find((f) => f.kernel === k.id && f.kind === 'compile');
      if (compileBug?.kind === 'compile') {
        // Recorded: the generated C++ does not build. Assert exactly that, so a fix shows up here.
        const log =
          c.status === 'rejected'
            ? ((c.reason as DaemonError).log ?? (c.reason as Error).message)
            : '(it ran)';
        expect(
          log,
          `${k.id}: known-failures.json says g++ fails with this; if it builds now, remove the entry`,
        ).toContain(compileBug.gxx);
        return;
      }
      if (c.status === 'rejected') {
        const e = c.reason as DaemonError;
        throw new Error(
          `${k.id}: CPU backend run failed: ${e.message}${e.log ? `\n${firstErrors(e.log)}` : ''}`,
        );
      }
      if (w.status === 'rejected') {
        const e = w.reason as Error;
        if (k.f16 && e instanceof WebGpuError && e.kind === 'feature') {
          console.warn(
            `SKIPPED ${k.id}: the WebGPU adapter lacks shader-f16 (${e.message}); CPU side ran fine`,
          );
          ctx.skip(`WebGPU adapter lacks shader-f16: ${k.id} ran on the CPU backend only`);
          return;
        }
        throw new Error(`${k.id}: WebGPU run failed: ${e.message}`);
      }
      const webgpu = w.value;
      const cpu = c.value;
      const problems: string[] = [];
      for (const b of k.workload.bindings.filter((x) => x.output)) {
        problems.push(...checkBinding(k, b, webgpu, cpu));
      }
      expect(problems, problems.join('\n')).toEqual([]);
    },
  );
});

function checkBinding(k: CorpusKernel, b: Binding, webgpu: SideResult, cpu: SideResult): string[] {
  const element = b.element ?? 'bytes';
  const a = webgpu.outputs[b.name];
  const z = cpu.outputs[b.name];
  if (!a || !z) return [`${k.id}: binding "${b.name}" missing from the ${!a ? 'webgpu' : 'cpu'} outputs`];

  if (k.safety) {
    if (b.name.startsWith('guard')) {
      const init = values(element, generateBinding(b));
      const out: string[] = [];
      for (const [side, bytes] of [
        ['webgpu', a],
        ['cpu', z],
      ] as const) {
        const got = values(element, bytes);
        const i = firstDifference(init, got);
        if (i >= 0)
          out.push(
            `${k.id}: ${side} wrote outside the target: guard "${b.name}"[${i}] is ${got[i]}, was ${init[i]}`,
          );
      }
      return out;
    }
    if (!b.name.startsWith('result')) {
      console.info(
        `${k.id}: out-of-bounds target "${b.name}" (not compared): webgpu ${values(element, a).slice(0, 16).join(' ')} | cpu ${values(element, z).slice(0, 16).join(' ')}`,
      );
      return [];
    }
  }

  const div = divergent.find((d) => d.kernel === k.id && d.binding === b.name);
  if (div) {
    const got = values(element, z);
    const i = firstDifference(div.expected, got);
    const browserVals = values(element, a);
    if (firstDifference(div.expected, browserVals) < 0) {
      console.warn(
        `${k.id}: "${b.name}" — the browser now gives the WGSL answer; drop it from browser-divergent.json`,
      );
    }
    return i < 0
      ? []
      : [`${k.id}: binding "${b.name}": cpu[${i}] = ${got[i]}, expected ${div.expected[i]} (${div.reason})`];
  }

  const cmp = compareBinding(b, a, z);
  const ok = cmp.verdict === 'match' || cmp.verdict === 'within-tolerance';
  const pinned = failures.find((f) => f.kernel === k.id && f.kind === 'mismatch' && f.binding === b.name);
  if (pinned?.kind === 'mismatch') {
    const m = cmp.firstMismatches[0];
    if (ok) return [`${k.id}: "${b.name}" now agrees — remove it from known-failures.json (${pinned.cause})`];
    if (!m || m.index !== pinned.index || !Object.is(m.a, pinned.webgpu) || !Object.is(m.b, pinned.cpu)) {
      return [
        `${k.id}: known failure changed: recorded index ${pinned.index} webgpu=${pinned.webgpu} cpu=${pinned.cpu}; now ${describeMismatch(k.id, cmp)}`,
      ];
    }
    return [];
  }
  return ok ? [] : [describeMismatch(k.id, cmp)];
}
