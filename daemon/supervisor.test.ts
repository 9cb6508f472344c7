/**
 * Supervisor failure paths against a fake executor (daemon/testkit/fake-executor.mjs): crash on
 * start, fatal on start, never ready, hung run, killed mid-run. The real path is in
 * daemon/*.integration.test.ts.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { executorCommand } from './executor-command';
import type { ExecutorJob } from './executor-job';
import {
  DEFAULT_SUPERVISOR_TIMING,
  Supervisor,
  type SupervisorOptions,
  TIME_LIMIT_SLACK_MS,
} from './supervisor';

const FAKE = fileURLToPath(new URL('./testkit/fake-executor.mjs', import.meta.url));

const running: Supervisor[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

function supervisor(mode: string, over: Partial<SupervisorOptions> = {}) {
  const logs: string[] = [];
  const startsFile = join(mkdtempSync(join(tmpdir(), 'duet-sup-')), 'starts');
  const s = new Supervisor({
    command: executorCommand({ backend: 'cpu', executorPath: FAKE, cacheDir: tmpdir() }),
    env: { ...process.env, FAKE_EXECUTOR_MODE: mode, FAKE_EXECUTOR_STARTS: startsFile },
    startTimeoutMs: 10_000,
    killGraceMs: 100,
    backoffInitialMs: 20,
    backoffMaxMs: 60_000,
    stableMs: 60_000,
    log: (l) => logs.push(l),
    ...over,
  });
  running.push(s);
  s.start();
  const starts = () => readFileSync(startsFile, 'utf8').trim().split('\n').length;
  return { s, logs, starts };
}

async function until(cond: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function job(over: Partial<ExecutorJob> = {}): ExecutorJob {
  return { id: 'r1', run: { type: 'run' }, payloads: [], timeLimitMs: 200, compileLimitMs: 10_000, ...over };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Supervisor', () => {
  it('backs off exponentially from an executor that crashes on start, and says why', async () => {
    const { s, logs, starts } = supervisor('crash');
    await until(() => s.status().consecutiveFailures >= 4, 'four failed starts');
    const st = s.status();
    expect(st.state).toBe('backoff');
    expect(st.lastError).toMatch(/exited with code 1.*cannot open the device/s);
    const delays = logs
      .filter((l) => l.startsWith('next executor start in'))
      .map((l) => Number(/in (\d+) ms/.exec(l)![1]));
    expect(delays.slice(0, 4)).toEqual([20, 40, 80, 160]);
    // Every start is accounted for by a failure: nothing spawns outside the backoff schedule.
    expect(starts()).toBe(s.status().starts);
    await expect(s.waitReady(5_000)).rejects.toThrow(/not running: it exited with code 1/);
    expect(s.unavailable).toMatch(/cannot open the device/);
  });

  it('keeps the executor’s own fatal message', async () => {
    const { s } = supervisor('fatal');
    await until(() => s.status().consecutiveFailures >= 1, 'a failed start');
    expect(s.status().lastError).toMatch(/no CUDA device \(simulated\)/);
  });

  it('gives up on an executor that never says ready', async () => {
    const { s } = supervisor('silent', { startTimeoutMs: 300 });
    await expect(s.waitReady(20_000)).rejects.toThrow(/did not report ready within 0.3 s/);
    expect(s.status().state).toBe('backoff');
  });

  it('kills a run past its time limit, reports it, and starts a fresh executor', async () => {
    const { s } = supervisor('hang');
    await s.waitReady(20_000);
    const firstPid = s.status().pid!;
    const phases: unknown[] = [];
    const outcome = await s.execute(job({ onPhase: (p) => phases.push(p.phase) }));
    expect(outcome).toEqual({ ok: false, code: 'time-limit', message: 'time limit exceeded after 0.2 s' });
    expect(phases).toEqual(['compiling', 'running']);
    await s.waitReady(20_000);
    expect(s.status().pid).not.toBe(firstPid);
    expect(alive(firstPid)).toBe(false);
    expect(s.status().consecutiveFailures).toBe(0);
  });

  it('cancels a run whose executor ignores the cancel frame by killing it', async () => {
    const { s } = supervisor('hang');
    await s.waitReady(20_000);
    const abort = new AbortController();
    const pending = s.execute(
      job({ timeLimitMs: 60_000, signal: abort.signal, onPhase: () => abort.abort() }),
    );
    expect(await pending).toMatchObject({ ok: false, code: 'cancelled' });
    await s.waitReady(20_000);
  });

  it('drops an executor that breaks the frame protocol, with the reason', async () => {
    const { s } = supervisor('garbage');
    await s.waitReady(20_000);
    const outcome = await s.execute(job({ timeLimitMs: 60_000 }));
    expect(outcome).toMatchObject({ ok: false, code: 'executor' });
    expect(outcome.ok ? '' : outcome.message).toMatch(/broke the frame protocol: bad frame header length/);
    await s.waitReady(20_000);
  });

  it('sends a source once per executor, then its hash; resends the source when asked (need-source)', async () => {
    const runsFile = join(mkdtempSync(join(tmpdir(), 'duet-sup-')), 'runs');
    const { s } = supervisor('forgetful', {
      env: { ...process.env, FAKE_EXECUTOR_MODE: 'forgetful', FAKE_EXECUTOR_RUNS: runsFile },
    });
    await s.waitReady(10_000);
    const run = { type: 'run', source: 'int x;', sourceHash: 'a'.repeat(64) };
    expect((await s.execute(job({ id: 'first', run }))).ok).toBe(true);
    const second = await s.execute(job({ id: 'second', run }));
    expect(second).toMatchObject({ ok: true });
    // Runs without a hash always carry their source.
    expect((await s.execute(job({ id: 'plain', run: { type: 'run', source: 'int y;' } }))).ok).toBe(true);
    expect(readFileSync(runsFile, 'utf8').trim().split('\n')).toEqual([
      'first source',
      'second hash',
      'second source',
      'plain source',
    ]);
  });

  it('sends a run without its source by hash first, and loads the source only when asked', async () => {
    const runsFile = join(mkdtempSync(join(tmpdir(), 'duet-sup-')), 'runs');
    const { s } = supervisor('forgetful', {
      env: { ...process.env, FAKE_EXECUTOR_MODE: 'forgetful', FAKE_EXECUTOR_RUNS: runsFile },
    });
    await s.waitReady(10_000);
    let loads = 0;
    const loadSource = () => {
      loads++;
      return 'int z;';
    };
    const run = { type: 'run', sourceHash: 'b'.repeat(64) };
    expect(await s.execute(job({ id: 'disk', run, loadSource }))).toMatchObject({ ok: true });
    expect(loads).toBe(1);
    // A source that cannot be had any more is a clear failure, not a second need-source.
    const lost = await s.execute(
      job({ id: 'lost', run: { type: 'run', sourceHash: 'c'.repeat(64) }, loadSource: () => null }),
    );
    expect(lost).toMatchObject({ ok: false, code: 'internal' });
    expect(lost.ok ? '' : lost.message).toMatch(/generated code is no longer available/);
    expect(readFileSync(runsFile, 'utf8').trim().split('\n')).toEqual([
      'disk hash',
      'disk source',
      'lost hash',
    ]);
  });

  it('reports an executor killed mid-run and runs the next job on a new one', async () => {
    const { s } = supervisor('hang');
    await s.waitReady(20_000);
    const pid = s.status().pid!;
    const pending = s.execute(
      job({
        timeLimitMs: 60_000,
        onPhase: (p) => {
          if (p.phase === 'running') process.kill(pid, 'SIGKILL');
        },
      }),
    );
    const outcome = await pending;
    expect(outcome).toMatchObject({ ok: false, code: 'executor' });
    expect(outcome.ok ? '' : outcome.message).toMatch(
      /was killed by SIGKILL during the run; it is being restarted/,
    );
    await s.waitReady(20_000);
    expect(s.status().state).toBe('ready');
    const next = await s.execute(job({ id: 'r2' }));
    expect(next).toMatchObject({ code: 'time-limit' }); // the fake hangs again: proof it ran on the new executor
  });

  it('lets a result that is being handed over stand when a cancel comes while its bytes arrive', async () => {
    const { s } = supervisor('big-result', { killGraceMs: 5_000 });
    await s.waitReady(20_000);
    const abort = new AbortController();
    let received = 0;
    const outcome = await s.execute(
      job({
        run: { type: 'run', outputs: [2] },
        signal: abort.signal,
        onResultHead: () => {
          abort.abort(); // too late: the caller already has the result's header
          return (piece) => {
            received += piece.byteLength;
          };
        },
      }),
    );
    expect(received).toBe(2 << 20);
    expect(outcome).toMatchObject({ ok: true, header: { type: 'result', id: 'r1' } });
  });

  it('hands a result over while it arrives, and reports the executor dying part-way through it', async () => {
    const { s, starts } = supervisor('cut-result');
    await s.waitReady(20_000);
    let head: Record<string, unknown> | undefined;
    let received = 0;
    const outcome = await s.execute(
      job({
        run: { type: 'run', outputs: [2] },
        onResultHead: (h) => {
          head = h;
          return (piece) => {
            received += piece.byteLength;
          };
        },
      }),
    );
    expect(head).toMatchObject({ type: 'result', id: 'r1', payloads: [4 << 20] });
    expect(received).toBe(3 << 19); // every byte the executor wrote before it died, as it came
    expect(outcome).toMatchObject({ ok: false, code: 'executor' });
    expect(outcome.ok ? '' : outcome.message).toMatch(/exited with code 1 during the run/);
    await until(() => starts() === 2 && s.status().state === 'ready', 'the restarted executor');
  });
});

/** Runs `j` and says how long after its first phase past compiling (its start on the device) it ended. */
async function endsAfterDeviceStart(s: Supervisor, j: ExecutorJob) {
  let deviceStart: number | undefined;
  const outcome = await s.execute({
    ...j,
    onPhase: (p) => {
      if (p.phase !== 'compiling') deviceStart ??= performance.now();
    },
  });
  expect(deviceStart).toBeDefined();
  return { outcome, ms: performance.now() - deviceStart! };
}

describe('Supervisor: a run ends within its time limit + TIME_LIMIT_SLACK_MS of its start on the device', () => {
  const { killGraceMs } = DEFAULT_SUPERVISOR_TIMING;
  const limitMs = 300;

  it('kills an executor that ignores the abort flag, with the default kill grace', async () => {
    const { s } = supervisor('hang', { killGraceMs });
    await s.waitReady(20_000);
    const { outcome, ms } = await endsAfterDeviceStart(s, job({ timeLimitMs: limitMs }));
    expect(outcome).toEqual({ ok: false, code: 'time-limit', message: 'time limit exceeded after 0.3 s' });
    expect(ms).toBeLessThan(limitMs + TIME_LIMIT_SLACK_MS);
    await s.waitReady(20_000);
  });

  it('ends the run at the kill, though the killed executor’s pipe stays open for 5 s', async () => {
    const { s } = supervisor('escape', { killGraceMs });
    await s.waitReady(20_000);
    const { outcome, ms } = await endsAfterDeviceStart(s, job({ timeLimitMs: limitMs }));
    expect(outcome).toMatchObject({ ok: false, code: 'time-limit' });
    expect(ms).toBeLessThan(limitMs + TIME_LIMIT_SLACK_MS);
    // Runs meanwhile wait for the fresh executor instead of going to the dying one.
    expect(s.status().state).not.toBe('ready');
    await s.waitReady(20_000);
    expect(s.status().state).toBe('ready');
  });

  it('reports the executor’s own watchdog exit as the run’s time limit', async () => {
    // A kill grace longer than the fake's: its watchdog frame, not the kill, ends the run.
    const { s } = supervisor('watchdog', { killGraceMs: 5_000 });
    await s.waitReady(20_000);
    const { outcome } = await endsAfterDeviceStart(
      s,
      job({ run: { type: 'run', timeLimitMs: limitMs }, timeLimitMs: limitMs }),
    );
    expect(outcome).toEqual({ ok: false, code: 'time-limit', message: 'time limit exceeded after 0.3 s' });
    await s.waitReady(20_000);
  });
});
