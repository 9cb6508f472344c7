/**
 * Real runs: the daemon with the real translator and the C++ executor's CPU backend. Covers
 * results, queue order and fairness, a full queue, cancellation, runaway kernels, an executor
 * killed mid-run, and translation errors.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelRun,
  DaemonError,
  type DaemonTarget,
  type RemoteRunResult,
  submitRun,
  submitRunChunked,
} from '#daemon-client';
import type { RunEvent } from '../core/progress';
import type { WorkloadInput } from '../core/workload';
import { endlessWorkload } from '../testkit/endless-kernel';
import { type RunningDaemon, startDaemon } from './daemon';

const ROOT = join(import.meta.dirname, '..');

const FILL = `
struct Params { k: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < arrayLength(&out)) { out[id.x] = id.x * 2u + params.k; }
}`;

function fill(k: number, n = 256): WorkloadInput {
  return {
    name: `fill${k}`,
    wgsl: FILL,
    entryPoint: 'main',
    dispatch: [Math.ceil(n / 64), 1, 1],
    bindings: [
      { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: { k } },
      { group: 0, binding: 1, name: 'out', kind: 'storage', element: 'u32', length: n, output: true },
    ],
    runs: { warmup: 0, samples: 2 },
  };
}

const endless = endlessWorkload();

function expectFill(r: RemoteRunResult, k: number, n = 256): void {
  const out = r.outputs.out!;
  const values = new Uint32Array(out.buffer, out.byteOffset, out.byteLength / 4);
  expect(values.length).toBe(n);
  expect(Array.from(values)).toEqual(Array.from({ length: n }, (_, i) => i * 2 + k));
}

/** Submits a run and resolves once the daemon has accepted (and possibly queued) it. */
function submitAccepted(
  t: DaemonTarget,
  w: WorkloadInput,
  clientId: string,
  onEvent?: (e: RunEvent) => void,
) {
  let accepted!: (id: string) => void;
  const id = new Promise<string>((r) => {
    accepted = r;
  });
  let running!: () => void;
  const started = new Promise<void>((r) => {
    running = r;
  });
  const done = submitRun(t, w, {
    clientId,
    onEvent: (e) => {
      if (e.type === 'accepted') accepted(e.id);
      if (e.type === 'phase') running();
      onEvent?.(e);
    },
  });
  // A refused submission must fail the waits on it instead of leaving them pending.
  done.catch(() => {});
  const waits = {
    id: Promise.race([id, done.then(() => id)]),
    started: Promise.race([started, done.then(() => {})]),
  };
  // Nobody has to await these: keep an unawaited rejection from counting as unhandled.
  waits.id.catch(() => {});
  waits.started.catch(() => {});
  return { ...waits, done };
}

async function waitFor(cond: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 20_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let cacheDir: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
  cacheDir = mkdtempSync(join(tmpdir(), 'duet-kernels-'));
});

describe('daemon runs on the CPU executor', () => {
  let d: RunningDaemon;
  let t: DaemonTarget;
  beforeAll(async () => {
    d = await startDaemon({
      port: 0,
      backend: 'cpu',
      cacheDir,
      limits: { maxRunMs: 60_000, maxQueueLength: 12 },
    });
    t = { url: d.url, token: d.token };
    // The health check answers 503 while the executor is still starting (slow on a loaded machine).
    await d.supervisor.waitReady(60_000);
  });
  afterAll(() => d?.close());

  it('answers GET /v1/health by running work on the executor (token required)', async () => {
    const res = await fetch(`${t.url}/v1/health`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(res.status).toBe(200);
    const h = (await res.json()) as { ok: boolean; ms?: number };
    expect(h.ok).toBe(true);
    expect(typeof h.ms).toBe('number');
    expect((await fetch(`${t.url}/v1/health`)).status).toBe(401);
  });

  it('runs a kernel and returns its outputs, timings and device', async () => {
    const phases: string[] = [];
    const r = await submitRun(t, fill(7), { onEvent: (e) => e.type === 'phase' && phases.push(e.phase) });
    expectFill(r, 7);
    expect(r.backend).toBe('cpu');
    expect(r.timings.kernel.count).toBe(2);
    expect(r.timings.queue).toBeDefined();
    expect(r.timings.transport!.ms).toBeGreaterThanOrEqual(0);
    expect(r.translate.cacheHit).toBe(false);
    expect(phases).toContain('compiling');
    const again = await submitRun(t, fill(7));
    expect(again.translate.cacheHit).toBe(true);
  });

  it("passes the executor's warnings on: an L2 flush asked of CPU emulation", async () => {
    const r = await submitRun(t, { ...fill(5), runs: { warmup: 0, samples: 2, flushL2: true } });
    expectFill(r, 5);
    expect(r.warnings).toEqual([expect.stringMatching(/^L2 flush is a CUDA option/)]);
    expect(r.timings.kernel.l2Flushed).toBeUndefined();
    expect((await submitRun(t, fill(5))).warnings).toBeUndefined();
    // The daemon's own warnings travel the same way: an element type the WGSL does not declare.
    const w = fill(5);
    w.bindings[1] = { ...w.bindings[1]!, element: 'i32' };
    const mismatched = await submitRun(t, w);
    expect(mismatched.warnings).toEqual([
      expect.stringMatching(
        /^"out": the WGSL declares array<u32> \(u32 elements\) but the workload says i32/,
      ),
    ]);
  });

  it('hands outputs over as the chunks they arrived in when asked (the web server forwards them)', async () => {
    const n = 1 << 20; // 4 MiB: more than one socket read
    const [whole, chunked] = [await submitRun(t, fill(3, n)), await submitRunChunked(t, fill(3, n))];
    const out = chunked.outputs.out!;
    expect(out.bytes).toBe(4 * n);
    expect(out.chunks.length).toBeGreaterThan(1);
    expect(out.chunks.reduce((k, c) => k + c.byteLength, 0)).toBe(4 * n);
    expect(Buffer.concat(out.chunks).equals(Buffer.from(whole.outputs.out!))).toBe(true);
    expectFill(whole, 3, n);
    expect(chunked.timings.kernel.count).toBe(2);
  });

  it('serves queued runs round-robin across clients, reporting positions', async () => {
    const blocker = submitAccepted(t, endless, 'blocker');
    const blockerId = await blocker.id;
    await blocker.started;
    const order: string[] = [];
    const positions: Record<string, number[]> = {};
    const runs: Promise<unknown>[] = [];
    // Arrival order a1 a2 a3 b1 b2 c1, one at a time so that arrival is certain.
    for (const [client, k] of [
      ['a', 1],
      ['a', 2],
      ['a', 3],
      ['b', 1],
      ['b', 2],
      ['c', 1],
    ] as const) {
      const name = `${client}${k}`;
      positions[name] = [];
      const s = submitAccepted(
        t,
        fill(k),
        client,
        (e) => e.type === 'queued' && positions[name]!.push(e.position),
      );
      await s.id;
      runs.push(
        s.done.then((r) => {
          expectFill(r, k);
          order.push(name);
        }),
      );
    }
    // The positions each run hears (updates stream in): first runs of every client go ahead of
    // second runs.
    const expected = { a1: 1, b1: 2, c1: 3, a2: 4, b2: 5, a3: 6 };
    const heard = () => Object.fromEntries(Object.entries(positions).map(([n, p]) => [n, p.at(-1)]));
    await waitFor(
      () => JSON.stringify(heard()) === JSON.stringify({ ...heard(), ...expected }),
      'queue positions',
    ).catch(() => {});
    expect(heard()).toEqual(expected);
    expect(await cancelRun(t, blockerId)).toBe(true);
    await expect(blocker.done).rejects.toMatchObject({ kind: 'cancelled' });
    await Promise.all(runs);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it('keeps round-robin order under a burst from many concurrent clients, and refuses a full queue', async () => {
    const blocker = submitAccepted(t, endless, 'blocker');
    const blockerId = await blocker.id;
    await blocker.started;
    const clients = ['p', 'q', 'r', 's', 't'];
    const perClient = [4, 1, 3, 2, 2]; // 12 runs: exactly the queue's length
    const order: { client: string; k: number }[] = [];
    const accepted: Promise<string>[] = [];
    const runs = clients.flatMap((client, c) =>
      Array.from({ length: perClient[c]! }, (_, i) => {
        const s = submitAccepted(t, fill(c * 10 + i), client);
        accepted.push(s.id);
        return s.done.then((r) => {
          expectFill(r, c * 10 + i);
          order.push({ client, k: i });
        });
      }),
    );
    await Promise.all(accepted);
    const extra = await submitRun(t, fill(99), { clientId: 'late' }).catch((e) => e);
    expect(extra).toBeInstanceOf(DaemonError);
    expect(extra).toMatchObject({ kind: 'busy', status: 429, limit: { name: 'maxQueueLength', max: 12 } });
    expect(extra.retryAfterS).toBeGreaterThan(0);

    await cancelRun(t, blockerId);
    await Promise.all(runs);
    // Everyone's first run, then everyone's second, …; each client's runs in submission order.
    const rounds = order.map((o) => o.k);
    expect(rounds).toEqual([...rounds].sort((x, y) => x - y));
    for (const client of clients) {
      const mine = order.filter((o) => o.client === client).map((o) => o.k);
      expect(mine).toEqual(mine.map((_, i) => i));
    }
    expect(order).toHaveLength(12);
  });

  it('cancels a queued run by DELETE and a running one when its caller goes away', async () => {
    const abort = new AbortController();
    let sawRunning = false;
    const running = submitRun(t, endless, {
      clientId: 'x',
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'phase' && e.phase === 'running') sawRunning = true;
      },
    });
    running.catch(() => {});
    await waitFor(() => sawRunning, 'the endless run to start');
    const queued = submitAccepted(t, fill(3), 'y');
    const queuedId = await queued.id;
    expect(await cancelRun(t, queuedId)).toBe(true);
    await expect(queued.done).rejects.toMatchObject({ kind: 'cancelled' });
    abort.abort();
    await expect(running).rejects.toMatchObject({ kind: 'cancelled' });
    // The device is free again: the next run completes.
    expectFill(await submitRun(t, fill(4)), 4);
    expect(d.supervisor.status().state).toBe('ready');
  });

  it('reports an executor killed mid-run and runs the next one on a fresh executor', async () => {
    const pid = d.supervisor.status().pid!;
    let killed = false;
    const e = await submitRun(t, endless, {
      onEvent: (ev) => {
        if (ev.type === 'phase' && ev.phase === 'running' && !killed) {
          killed = true;
          process.kill(pid, 'SIGKILL');
        }
      },
    }).catch((x) => x);
    expect(e).toBeInstanceOf(DaemonError);
    expect(e.kind).toBe('run');
    expect(e.code).toBe('executor');
    expect(e.message).toMatch(/executor was killed by SIGKILL during the run/);
    expectFill(await submitRun(t, fill(5)), 5);
    expect(d.supervisor.status().pid).not.toBe(pid);
  });

  it('answers 422 with positioned diagnostics for WGSL that does not translate', async () => {
    const e = await submitRun(t, { ...fill(1), wgsl: `${FILL}\nfn broken( {` }).catch((x) => x);
    expect(e).toMatchObject({ kind: 'translate', status: 422 });
    expect(e.diagnostics[0]).toMatchObject({
      severity: 'error',
      line: expect.any(Number),
      col: expect.any(Number),
    });
  });
});

describe('daemon time limit on the CPU executor', () => {
  let d: RunningDaemon;
  afterAll(() => d?.close());

  it('stops an endless kernel at its time limit and runs the next kernel', async () => {
    d = await startDaemon({ port: 0, backend: 'cpu', cacheDir, limits: { maxRunMs: 1500 } });
    const t = { url: d.url, token: d.token };
    const e = await submitRun(t, endless).catch((x) => x);
    expect(e).toBeInstanceOf(DaemonError);
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('time limit exceeded after 1.5 s');
    const r = await submitRun(t, fill(6));
    expectFill(r, 6);
    // The first daemon translated FILL; this one, on the same cache folder, reads it from disk.
    expect(r.translate.cacheHit).toBe(true);
  });
});
