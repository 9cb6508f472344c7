/**
 * GET /metrics on a real daemon (real translator, the C++ executor's CPU backend): behind the token,
 * and every count moves by what a run did — outcome and backend, queue wait, device time, the
 * executor's compile cache and the daemon's translation cache, refusals by reason, and a sandbox
 * violation with the executor restart it causes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DaemonError, type DaemonTarget, getDaemonInfo, submitRun } from '#daemon-client';
import { translate as realTranslate } from '../compiler/index';
import type { WorkloadInput } from '../core/workload';
import { type RunningDaemon, startDaemon } from './daemon';
import { STREAM_RESULT_BYTES } from './run-service';
import { parsePrometheusText, sampleDeltas } from './testkit/prometheus-text';
import type { TranslateFn } from './translation';

const ROOT = join(import.meta.dirname, '..');

const FILL = `
@group(0) @binding(0) var<uniform> k: u32;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < arrayLength(&out)) { out[id.x] = id.x + k; }
}`;

const fill = (name = 'fill'): WorkloadInput => ({
  name,
  wgsl: FILL,
  entryPoint: 'main',
  dispatch: [4, 1, 1],
  bindings: [
    { group: 0, binding: 0, name: 'k', kind: 'uniform', element: 'bytes', length: 4 },
    { group: 0, binding: 1, name: 'out', kind: 'storage', element: 'u32', length: 256, output: true },
  ],
  runs: { warmup: 0, samples: 3 },
});

/**
 * A translator that, for the workload named "hostile", hands the executor native code that calls
 * execve(2) (exploits/sandbox-hostile.cpp): what a kernel that escaped walls 1 and 2 would do. The
 * daemon never accepts C++ from a client; an injected translator is the test's way in.
 */
const hostileSource = readFileSync(join(ROOT, 'exploits', 'sandbox-hostile.cpp'), 'utf8');
const translate: TranslateFn = (source, opts) => {
  const out = realTranslate(source, opts);
  if (opts.file !== 'hostile.wgsl' || !out.ok) return out;
  return {
    ...out,
    code: hostileSource,
    kernels: out.kernels.map((k) => ({ ...k, symbol: 'duet_k_execve' })),
  };
};

let d: RunningDaemon;
let t: DaemonTarget;

async function scrape(): Promise<Map<string, number>> {
  const res = await fetch(`${d.url}/metrics`, { headers: { authorization: `Bearer ${d.token}` } });
  expect(res.status).toBe(200);
  return parsePrometheusText(await res.text());
}

/** The samples that `action` changed, and by how much. */
async function changedBy(action: () => Promise<unknown>): Promise<Map<string, number>> {
  const before = await scrape();
  await action();
  return sampleDeltas(before, await scrape());
}

/** Only the counters of runs and refusals among `deltas`. */
const outcomes = (deltas: Map<string, number>) =>
  Object.fromEntries(
    [...deltas].filter(([k]) =>
      /^duet_daemon_(runs_total|runs_rejected_total|sandbox_violations_total)/.test(k),
    ),
  );

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
  d = await startDaemon({
    port: 0,
    backend: 'cpu',
    cacheDir: mkdtempSync(join(tmpdir(), 'duet-metrics-')),
    translate,
    limits: { maxRunMs: 1000 },
    log: () => {},
  });
  t = { url: d.url, token: d.token };
  await d.supervisor.waitReady(60_000);
});
afterAll(() => d?.close());

describe('GET /metrics on the daemon', () => {
  it('needs the token (401 without it, like every route) and answers Prometheus text with it', async () => {
    const anonymous = await fetch(`${d.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toMatch(/duet_daemon_/);
    expect((await fetch(`${d.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
    const res = await fetch(`${d.url}/metrics`, { headers: { authorization: `Bearer ${d.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^# TYPE duet_daemon_runs_total counter$/m);
    expect(text).toMatch(/^# TYPE duet_daemon_queue_wait_seconds histogram$/m);
    const m = parsePrometheusText(text);
    expect(m.get('duet_daemon_executor_up')).toBe(1);
    expect(m.get('duet_daemon_queue_length')).toBe(0);
    expect(m.get('duet_daemon_executor_restarts_total')).toBe(0);
    const post = await fetch(`${d.url}/metrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${d.token}` },
    });
    expect(post.status).toBe(405);
  });

  it('a run counts once as ok on the cpu backend, with its queue wait, device time and caches', async () => {
    const first = await changedBy(() => submitRun(t, fill()));
    expect(outcomes(first)).toEqual({ 'duet_daemon_runs_total{backend="cpu",outcome="ok"}': 1 });
    expect(first.get('duet_daemon_queue_wait_seconds_count{backend="cpu"}')).toBe(1);
    expect(first.get('duet_daemon_compile_cache_total{backend="cpu",result="miss"}')).toBe(1);
    expect(first.get('duet_daemon_translation_cache_total{result="miss"}')).toBe(1);
    for (const phase of ['compile', 'kernel'])
      expect(
        first.get(`duet_daemon_device_busy_seconds_total{backend="cpu",phase="${phase}"}`),
      ).toBeGreaterThan(0);

    // The same kernel again: both caches hit, nothing is translated or compiled.
    const again = await changedBy(() => submitRun(t, fill()));
    expect(outcomes(again)).toEqual({ 'duet_daemon_runs_total{backend="cpu",outcome="ok"}': 1 });
    expect(again.get('duet_daemon_compile_cache_total{backend="cpu",result="hit"}')).toBe(1);
    expect(again.has('duet_daemon_compile_cache_total{backend="cpu",result="miss"}')).toBe(false);
    expect(again.get('duet_daemon_translation_cache_total{result="memory-hit"}')).toBe(1);
    expect(again.has('duet_daemon_translation_cache_total{result="miss"}')).toBe(false);
  });

  it('a result large enough to be forwarded while it arrives (run-service streamResult) counts once too', async () => {
    const n = STREAM_RESULT_BYTES / 4;
    const big = fill('big');
    big.dispatch = [n / 64, 1, 1];
    big.bindings[1] = { ...big.bindings[1]!, length: n } as (typeof big.bindings)[1];
    const deltas = await changedBy(async () => {
      const r = await submitRun(t, big);
      expect(r.outputs.out!.byteLength).toBe(STREAM_RESULT_BYTES);
    });
    expect(outcomes(deltas)).toEqual({ 'duet_daemon_runs_total{backend="cpu",outcome="ok"}': 1 });
    expect(
      deltas.get('duet_daemon_device_busy_seconds_total{backend="cpu",phase="download"}'),
    ).toBeGreaterThan(0);
  });

  it('refusals count by reason; a failed run counts under its error code', async () => {
    const noOutput = { ...fill(), bindings: fill().bindings.map((b) => ({ ...b, output: false })) };
    const refused = async (w: WorkloadInput) => expect(submitRun(t, w)).rejects.toBeInstanceOf(DaemonError);
    expect(outcomes(await changedBy(() => refused(noOutput)))).toEqual({
      'duet_daemon_runs_rejected_total{reason="invalid"}': 1,
    });
    expect(outcomes(await changedBy(() => refused({ ...fill(), wgsl: 'fn main( {' })))).toEqual({
      'duet_daemon_runs_rejected_total{reason="translate"}': 1,
    });

    const endless: WorkloadInput = {
      ...fill('endless'),
      // 64 invocations: one alone might reach the loop guard before the limit on an idle core.
      wgsl: `${FILL}\n@compute @workgroup_size(64) fn spin() { while (k == k) { out[0] = out[0] + 1u; } }`,
      entryPoint: 'spin',
      dispatch: [1, 1, 1],
    };
    const timedOut = await changedBy(async () => {
      const e = await submitRun(t, endless).catch((x: unknown) => x);
      expect((e as DaemonError).code).toBe('time-limit');
    });
    expect(outcomes(timedOut)).toEqual({ 'duet_daemon_runs_total{backend="cpu",outcome="time-limit"}': 1 });
  });

  it('a sandbox violation counts as one, and the restart it causes as one', async (ctx) => {
    const info = await getDaemonInfo(t);
    if (info.sandbox?.seccomp !== true) ctx.skip(); // no seccomp here: nothing stops execve to count
    const startsBefore = d.supervisor.status().starts;
    const deltas = await changedBy(async () => {
      // Its own source: the translation cache shares translations across workload names.
      const e = await submitRun(t, { ...fill('hostile'), wgsl: `${FILL}// hostile\n` }).catch(
        (x: unknown) => x,
      );
      expect((e as DaemonError).code, String(e)).toBe('sandbox');
      // The executor that ran it exits; its successor starts at once.
      const end = Date.now() + 30_000;
      while (d.supervisor.status().starts === startsBefore && Date.now() < end)
        await new Promise((r) => setTimeout(r, 50));
    });
    expect(outcomes(deltas)).toEqual({
      'duet_daemon_runs_total{backend="cpu",outcome="sandbox"}': 1,
      'duet_daemon_sandbox_violations_total{backend="cpu"}': 1,
    });
    expect(deltas.get('duet_daemon_executor_restarts_total')).toBe(1);
  });
});
