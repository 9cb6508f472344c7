/**
 * Workshop load: one daemon (CPU backend, a child process) and many clients over real loopback
 * HTTP. `small` clients are students: each submits `smallKernels` small runs one after another,
 * thinking `thinkMs` between them; `large` clients submit heavier runs. Reports throughput,
 * latency percentiles per class, errors, fairness and the daemon's RSS before and after.
 *
 * Fairness: for client i, service rate x_i = runs completed / total seconds it waited for them
 * (submit → result, summed). Jain's index J = (Σx)² / (n·Σx²) over the clients of one class is 1
 * when all of them were served at the same rate and 1/n when one got everything. Classes are
 * measured apart: a large run is meant to take longer.
 *
 *   npx tsx bench/load.ts [--ci]      prints the result as JSON
 */
import { pathToFileURL } from 'node:url';
import { DaemonError, type DaemonTarget, submitRun } from '#daemon-client';
import { mulberry32 } from '../core/generators';
import type { WorkloadInput } from '../core/workload';
import { startDaemonProcess, waitExecutorReady } from '../testkit/daemon-process';

export interface LoadOptions {
  smallClients: number;
  smallKernels: number;
  largeClients: number;
  largeKernels: number;
  /** Think time between a client's runs, uniform in [min, max] ms. */
  thinkMs: [number, number];
  /** Think time of the large clients, when not `thinkMs`: [0, 0] is a sweep, run after run. */
  largeThinkMs?: [number, number];
  /** Elements of a large run's buffers. */
  largeElements: number;
  seed: number;
  /** The daemon's fair-queue quantum (daemon/config.ts); its default when absent. */
  fairShareQuantumMs?: number;
}

export const FULL_LOAD: LoadOptions = {
  smallClients: 50,
  smallKernels: 20,
  largeClients: 5,
  largeKernels: 4,
  thinkMs: [200, 1000],
  largeElements: 1 << 21,
  seed: 1,
};
/**
 * Students as above while a few heavy users run sweeps back to back, so their next run is always
 * waiting: the case where counting turns by runs or by device time differs most.
 */
export const SWEEP_LOAD: LoadOptions = {
  ...FULL_LOAD,
  smallClients: 20,
  smallKernels: 10,
  largeClients: 3,
  largeKernels: 6,
  largeThinkMs: [0, 0],
  seed: 2,
};
export const CI_LOAD: LoadOptions = {
  smallClients: 8,
  // Enough runs per student that one run waiting behind a large run (at most `largeClients` of them)
  // cannot pull that student's service rate far from the others': with 3 runs each, Jain's index
  // fell to 0.85 by chance on a quiet machine; with 8 a student behind a large run still keeps ≥ ½ rate.
  smallKernels: 8,
  largeClients: 2,
  largeKernels: 1,
  thinkMs: [20, 100],
  largeElements: 1 << 18,
  seed: 1,
};

interface ClassStats {
  clients: number;
  runs: number;
  errors: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  jain: number;
}

export interface LoadResult {
  options: LoadOptions;
  wallS: number;
  throughputRunsPerS: number;
  errors: number;
  errorSamples: string[];
  small: ClassStats;
  large: ClassStats;
  /** Jain's index over every client's service rate, both classes together (informative only). */
  jainAll: number;
  rssMiB: { before: number; after: number };
}

const SAXPY = `struct P { a: f32, n: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < p.n) { y[id.x] = p.a * x[id.x] + y[id.x]; }
}`;
// Heavier per element: a short polynomial loop.
const HEAVY = `@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(256) fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&y)) { return; }
  var v = x[id.x];
  for (var i = 0u; i < 32u; i++) { v = v * 0.999 + 0.001; }
  y[id.x] = v;
}`;

function small(client: number, k: number): WorkloadInput {
  const n = 4096;
  return {
    name: 'workshop-saxpy',
    wgsl: SAXPY,
    entryPoint: 'main',
    dispatch: [n / 64, 1, 1],
    bindings: [
      { group: 0, binding: 0, name: 'p', kind: 'uniform', fields: { a: client + k / 100, n } },
      {
        group: 0,
        binding: 1,
        name: 'x',
        kind: 'storage-read',
        element: 'f32',
        length: n,
        init: { random: { seed: client * 1000 + k, min: -1, max: 1 } },
      },
      {
        group: 0,
        binding: 2,
        name: 'y',
        kind: 'storage',
        element: 'f32',
        length: n,
        init: { iota: { start: 0, step: 1 } },
        output: true,
      },
    ],
    runs: { warmup: 1, samples: 5 },
  };
}

function large(client: number, k: number, n: number): WorkloadInput {
  return {
    name: 'workshop-heavy',
    wgsl: HEAVY,
    entryPoint: 'main',
    dispatch: [Math.ceil(n / 256), 1, 1],
    bindings: [
      {
        group: 0,
        binding: 0,
        name: 'x',
        kind: 'storage-read',
        element: 'f32',
        length: n,
        init: { random: { seed: client * 1000 + k, min: 0, max: 1 } },
      },
      { group: 0, binding: 1, name: 'y', kind: 'storage', element: 'f32', length: n, output: true },
    ],
    runs: { warmup: 1, samples: 3 },
  };
}

/** Uniform in [0, 1) from core's mulberry32, so a seed reproduces. */
function rng(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

export function jainIndex(xs: number[]): number {
  if (!xs.length) return 1;
  const sum = xs.reduce((a, b) => a + b, 0);
  const sq = xs.reduce((a, b) => a + b * b, 0);
  return sq === 0 ? 1 : (sum * sum) / (xs.length * sq);
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

interface ClientLog {
  latencies: number[];
  errors: string[];
}

async function client(
  t: DaemonTarget,
  id: string,
  make: (k: number) => WorkloadInput,
  kernels: number,
  think: () => number,
): Promise<ClientLog> {
  const log: ClientLog = { latencies: [], errors: [] };
  for (let k = 0; k < kernels; k++) {
    await new Promise((r) => setTimeout(r, think()));
    const t0 = performance.now();
    try {
      const r = await submitRun(t, make(k), { clientId: id });
      if (!r.outputs.y?.byteLength) throw new Error('no output y');
      log.latencies.push(performance.now() - t0);
    } catch (e) {
      log.errors.push(`${id}#${k}: ${e instanceof DaemonError ? `${e.kind}: ` : ''}${(e as Error).message}`);
    }
  }
  return log;
}

function classStats(logs: ClientLog[]): ClassStats {
  const all = logs.flatMap((l) => l.latencies).sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    clients: logs.length,
    runs: all.length,
    errors: logs.reduce((n, l) => n + l.errors.length, 0),
    latencyMs: {
      p50: round(percentile(all, 0.5)),
      p95: round(percentile(all, 0.95)),
      p99: round(percentile(all, 0.99)),
      max: round(all.at(-1) ?? 0),
    },
    jain: jainIndex(logs.map(serviceRate)),
  };
}

const serviceRate = (l: ClientLog) => {
  const waited = l.latencies.reduce((a, b) => a + b, 0) / 1000;
  return waited > 0 ? l.latencies.length / waited : 0;
};

export async function benchLoad(opts: Partial<LoadOptions> = {}): Promise<LoadResult> {
  const o = { ...FULL_LOAD, ...opts };
  const total = o.smallClients * o.smallKernels + o.largeClients * o.largeKernels;
  const d = await startDaemonProcess({
    // A workshop's daemon config: room in the queue for every client, no per-minute cap in the way.
    limits: {
      maxQueueLength: Math.max(64, 2 * (o.smallClients + o.largeClients)),
      maxRunsPerClientPerMinute: 600,
      ...(o.fairShareQuantumMs ? { fairShareQuantumMs: o.fairShareQuantumMs } : {}),
    },
  });
  try {
    await waitExecutorReady(d);
    const t = { url: d.url, token: d.token };
    // Warm the translation and compile caches once, as the instructor's demo run would.
    await submitRun(t, small(0, 0), { clientId: 'warmup' });
    await submitRun(t, large(0, 0, o.largeElements), { clientId: 'warmup' });
    const rssBefore = d.rssBytes();
    const random = rng(o.seed);
    const thinking =
      ([min, max]: [number, number]) =>
      () =>
        min + random() * (max - min);
    const think = thinking(o.thinkMs);
    const largeThink = thinking(o.largeThinkMs ?? o.thinkMs);
    const t0 = performance.now();
    const smallLogs = Array.from({ length: o.smallClients }, (_, i) =>
      client(t, `student-${i}`, (k) => small(i + 1, k), o.smallKernels, think),
    );
    const largeLogs = Array.from({ length: o.largeClients }, (_, i) =>
      client(t, `heavy-${i}`, (k) => large(i + 1, k, o.largeElements), o.largeKernels, largeThink),
    );
    const [s, l] = await Promise.all([Promise.all(smallLogs), Promise.all(largeLogs)]);
    const wallS = (performance.now() - t0) / 1000;
    const rssAfter = d.rssBytes();
    const errors = [...s, ...l].flatMap((c) => c.errors);
    const done = total - errors.length;
    return {
      options: o,
      wallS: Math.round(wallS * 100) / 100,
      throughputRunsPerS: Math.round((done / wallS) * 100) / 100,
      errors: errors.length,
      errorSamples: errors.slice(0, 5),
      small: classStats(s),
      large: classStats(l),
      jainAll: jainIndex([...s, ...l].map(serviceRate)),
      rssMiB: { before: Math.round(rssBefore / 2 ** 20), after: Math.round(rssAfter / 2 ** 20) },
    };
  } finally {
    await d.stop();
  }
}

/** A quantum longer than any run may last (maxRunMs): every run costs one turn, whatever its length. */
export const TURNS_BY_RUN_COUNT_MS = 3_600_000;

export interface LoadPolicies {
  /** The default queue: turns charged by device time (fairShareQuantumMs). */
  deviceTime: LoadResult;
  /** The same load with every run one turn: the device-time charge off, the head start kept. */
  runCount: LoadResult;
}

/** One load twice in one bench run, once per queue policy, so they compare on one machine. */
export async function benchLoadPolicies(opts: Partial<LoadOptions> = {}): Promise<LoadPolicies> {
  const deviceTime = await benchLoad(opts);
  const runCount = await benchLoad({ ...opts, fairShareQuantumMs: TURNS_BY_RUN_COUNT_MS });
  return { deviceTime, runCount };
}

/** `npm run bench -- load`: the workshop, then students beside back-to-back sweeps. */
export async function benchLoads(): Promise<{ workshop: LoadPolicies; sweeps: LoadPolicies }> {
  return { workshop: await benchLoadPolicies(FULL_LOAD), sweeps: await benchLoadPolicies(SWEEP_LOAD) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchLoad(process.argv.includes('--ci') ? CI_LOAD : FULL_LOAD);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
