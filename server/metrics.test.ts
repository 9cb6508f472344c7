/**
 * The web server's metrics: runs forwarded through `runs.submit` to a real daemon (CPU executor)
 * count by outcome and daemon index with their stream time, share saves by outcome; the scrape
 * answers only with DUET_METRICS_TOKEN, and not at all without one configured.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkloadInput } from '../core/workload';
import { type RunningDaemon, startDaemon } from '../daemon/daemon';
import { parsePrometheusText, sampleDeltas } from '../daemon/testkit/prometheus-text';
import { METRICS_TOKEN_ENV, metricsResponse } from './metrics';
import { appRouter } from './router';
import { createSharesRouter } from './routers/shares';
import { openShareDb } from './share/db';
import { createSaveLimiter } from './share/rate-limit';
import { ShareStore } from './share/store';
import { sampleRun } from './share/testkit/fixture';
import { toWire } from './share/wire';
import { router } from './trpc';

const ROOT = join(import.meta.dirname, '..');
const env = { [METRICS_TOKEN_ENV]: 'metrics-secret' };

const workload: WorkloadInput = {
  name: 'web-metrics',
  wgsl: `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) { out[id.x] = id.x; }`,
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings: [
    { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: 64, output: true },
  ],
  runs: { warmup: 0, samples: 1 },
};

async function scrape(): Promise<Map<string, number>> {
  const res = await metricsResponse('Bearer metrics-secret', env);
  expect(res.status).toBe(200);
  return parsePrometheusText(await res.text());
}

async function changedBy(action: () => Promise<unknown>): Promise<Map<string, number>> {
  const before = await scrape();
  await action();
  return sampleDeltas(before, await scrape());
}

const counters = (deltas: Map<string, number>) =>
  Object.fromEntries([...deltas].filter(([k]) => k.includes('_total')));

describe('web server metrics: the scrape', () => {
  it('is off (404) without DUET_METRICS_TOKEN, 401 without the token, Prometheus text with it', async () => {
    const off = await metricsResponse('Bearer anything', {});
    expect(off.status).toBe(404);
    expect(await off.text()).toMatch(/DUET_METRICS_TOKEN/);
    expect((await metricsResponse(null, env)).status).toBe(401);
    expect((await metricsResponse('Bearer wrong', env)).status).toBe(401);
    const ok = await metricsResponse('Bearer metrics-secret', env);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await ok.text()).toMatch(/^# TYPE duet_web_runs_total counter$/m);
  });
});

describe('web server metrics: runs through runs.submit to a real daemon', () => {
  let d: RunningDaemon;
  let api: ReturnType<typeof appRouter.createCaller>;
  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], {
      stdio: 'inherit',
    });
    d = await startDaemon({
      port: 0,
      backend: 'cpu',
      cacheDir: mkdtempSync(join(tmpdir(), 'duet-web-metrics-')),
      log: () => {},
    });
    await d.supervisor.waitReady(60_000);
    process.env.DUET_DAEMONS = d.url;
    process.env.DUET_TOKEN = d.token;
    api = appRouter.createCaller({ clientId: '' });
  });
  afterAll(() => d?.close());

  const submit = async (w: WorkloadInput) => {
    for await (const _ of await api.runs.submit({ workload: w, daemon: 0 })) {
      // read the stream to its end
    }
  };

  it('a result counts as ok for daemon 0, with its stream time', async () => {
    const deltas = await changedBy(() => submit(workload));
    expect(counters(deltas)).toEqual({ 'duet_web_runs_total{backend="cpu",daemon="0",outcome="ok"}': 1 });
    expect(deltas.get('duet_web_run_stream_seconds_count{daemon="0"}')).toBe(1);
    expect(deltas.get('duet_web_run_stream_seconds_sum{daemon="0"}')).toBeGreaterThan(0);
  });

  it("a daemon's refusal counts under its kind", async () => {
    const deltas = await changedBy(() =>
      expect(submit({ ...workload, wgsl: 'fn main( {' })).rejects.toThrow(/./),
    );
    expect(counters(deltas)).toEqual({
      'duet_web_runs_total{backend="unknown",daemon="0",outcome="translate"}': 1,
    });
  });
});

describe('web server metrics: share saves', () => {
  it('count by outcome: ok, and the kind of a refusal', async () => {
    const db = await openShareDb({ sqlitePath: ':memory:' });
    try {
      const store = new ShareStore(db);
      const shares = createSharesRouter({
        store: async () => store,
        limiter: createSaveLimiter({
          perClient: 1,
          perClientWindowS: 600,
          anonymous: 1,
          total: 100,
          totalWindowS: 600,
        }),
        clientKey: async () => 'client-a',
      });
      const caller = router({ shares }).createCaller({ clientId: '' });
      const saved = await changedBy(() => caller.shares.save({ run: toWire(sampleRun(1)) }));
      expect(counters(saved)).toEqual({ 'duet_web_share_saves_total{outcome="ok"}': 1 });
      // Over the per-client limit of one save.
      const limited = await changedBy(() =>
        expect(caller.shares.save({ run: toWire(sampleRun(2)) })).rejects.toThrow(/./),
      );
      expect(counters(limited)).toEqual({ 'duet_web_share_saves_total{outcome="limit"}': 1 });
    } finally {
      await db.close();
    }
  });
});
