/**
 * The run's time limit holds on every path (docs/security.md, "Limits on every path"): with
 * maxRunMs = 2000 every endless kernel ends before 2000 + TIME_LIMIT_SLACK_MS ms after its start on
 * the device, as a time-limit error, whether it came through the daemon client, `duet run`,
 * `duet bench --sweep` or the web server's runs.submit (the page, the page's sweep and a share's
 * re-run all submit through it). The device start and the end are observed inside the daemon: the
 * first phase past compiling, and the executor job's outcome.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DaemonError, type DaemonTarget, submitRun } from '#daemon-client';
import type { WorkloadInput } from '../core/workload';
import { type RunningDaemon, startDaemon } from './daemon';
import type { ExecutorJob, JobOutcome } from './executor-job';
import { TIME_LIMIT_SLACK_MS } from './supervisor';

const ROOT = join(import.meta.dirname, '..');
const MAX_RUN_MS = 2000;
/** The property under test, from the configured limit: nothing else about timing is asserted. */
const BOUND_MS = MAX_RUN_MS + TIME_LIMIT_SLACK_MS;

const OUT = '@group(0) @binding(0) var<storage, read_write> out: array<u32>;';

/** Endless (or effectively endless) kernels, each stopping the old way at a different place. */
const KERNELS: Record<string, { wgsl: string; dispatch: [number, number, number] }> = {
  'a while loop that never ends': {
    wgsl: `${OUT}
@compute @workgroup_size(1) fn main() { while (out[1] == 0u) { out[0] = out[0] + 1u; } }`,
    dispatch: [1, 1, 1],
  },
  'nested loops, each under 1024 iterations': {
    wgsl: `${OUT}
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  var acc = 0u;
  for (var i = 0u; i < 1000u; i++) { for (var j = 0u; j < 1000u; j++) { for (var k = 0u; k < 1000u; k++) {
    acc = acc * 1664525u + k;
  } } }
  out[id.x % 4u] = acc;
}`,
    dispatch: [1024, 1, 1],
  },
  'a huge but finite loop in every invocation of many workgroups': {
    wgsl: `${OUT}
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  var acc = id.x;
  for (var i = 0u; i < 4000000000u; i++) { acc = acc * 1664525u + i; }
  out[id.x % 4u] = acc;
}`,
    dispatch: [4096, 1, 1],
  },
  'short nested loops around a workgroup barrier': {
    wgsl: `${OUT}
var<workgroup> tile: array<u32, 64>;
@compute @workgroup_size(64) fn main(@builtin(local_invocation_index) li: u32) {
  for (var i = 0u; i < 1000u; i++) { for (var j = 0u; j < 1000u; j++) {
    tile[li] = tile[(li + 1u) % 64u] + j;
    workgroupBarrier();
  } }
  out[li % 4u] = tile[li];
}`,
    dispatch: [64, 1, 1],
  },
};

function workload(k: (typeof KERNELS)[string]): WorkloadInput {
  return {
    name: 'endless',
    wgsl: k.wgsl,
    entryPoint: 'main',
    dispatch: k.dispatch,
    bindings: [
      { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: 4, output: true },
    ],
    // The page's default: several executions, so a per-sample limit would show.
    runs: { warmup: 2, samples: 10 },
  };
}

interface DeviceRun {
  startMs?: number;
  endMs?: number;
  outcome?: JobOutcome;
}

let cacheDir: string;
let d: RunningDaemon;
let t: DaemonTarget;
const runs: DeviceRun[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
  cacheDir = mkdtempSync(join(tmpdir(), 'duet-kernels-'));
  d = await startDaemon({ port: 0, backend: 'cpu', cacheDir, limits: { maxRunMs: MAX_RUN_MS } });
  t = { url: d.url, token: d.token };
  // Every job the executor gets: when it started on the device and when it ended.
  const execute = d.supervisor.execute.bind(d.supervisor);
  d.supervisor.execute = async (job: ExecutorJob) => {
    const run: DeviceRun = {};
    runs.push(run);
    const outcome = await execute({
      ...job,
      onPhase: (h) => {
        if (h.phase !== 'compiling') run.startMs ??= performance.now();
        job.onPhase?.(h);
      },
    });
    run.endMs = performance.now();
    run.outcome = outcome;
    return outcome;
  };
});

afterAll(async () => {
  await d?.close();
});

/** The device runs since `from`: each a time-limit end within the bound of its device start. */
function expectEachWithinBound(from: number, count: number): void {
  const mine = runs.slice(from);
  expect(mine).toHaveLength(count);
  for (const r of mine) {
    expect(r.outcome).toMatchObject({ ok: false, code: 'time-limit' });
    expect(r.startMs).toBeDefined();
    expect(r.endMs! - r.startMs!).toBeLessThan(BOUND_MS);
  }
}

describe(`maxRunMs ${MAX_RUN_MS}: every endless kernel ends within ${BOUND_MS} ms of its device start`, () => {
  for (const [name, k] of Object.entries(KERNELS)) {
    it(`through the daemon client: ${name}`, async () => {
      const from = runs.length;
      await d.supervisor.waitReady(20_000);
      const executor = d.supervisor.status().pid;
      let deviceStart: number | undefined;
      const e = await submitRun(t, workload(k), {
        onEvent: (ev) => {
          if (ev.type === 'phase' && ev.phase !== 'compiling') deviceStart ??= performance.now();
        },
      }).catch((x: unknown) => x);
      const end = performance.now();
      expect(e).toBeInstanceOf(DaemonError);
      expect((e as DaemonError).kind).toBe('timeout');
      expect((e as DaemonError).message).toBe('time limit exceeded after 2 s');
      // As the client sees it, too (its device start comes later than the daemon's).
      expect(end - deviceStart!).toBeLessThan(BOUND_MS);
      expectEachWithinBound(from, 1);
      // It stopped at the abort flag: the executor was neither killed nor gave up on it.
      expect(d.supervisor.status()).toMatchObject({ state: 'ready', pid: executor });
    });
  }

  it('through `duet run --daemon`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-endless-'));
    const file = join(dir, 'endless.json');
    writeFileSync(file, JSON.stringify(workload(KERNELS['nested loops, each under 1024 iterations']!)));
    const from = runs.length;
    const r = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin/duet.mjs'), 'run', file, '--daemon', t.url, '--token', t.token],
      { cwd: dir },
    ).catch((x: { code: number; stderr: string }) => x);
    expect('code' in r && r.code).toBe(1);
    expect(r.stderr).toContain('time limit exceeded after 2 s');
    expectEachWithinBound(from, 1);
  });

  it('through `duet bench --sweep --daemon`: each point on its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-endless-'));
    writeFileSync(join(dir, 'endless.wgsl'), KERNELS['nested loops, each under 1024 iterations']!.wgsl);
    const preset = {
      title: 'Endless',
      summary: 'Never ends in time.',
      category: 'basics',
      tags: [],
      params: { N: { default: 64, min: 1, max: 1 << 20, description: 'Workgroups.' } },
      workload: {
        name: 'endless',
        wgslFile: 'endless.wgsl',
        entryPoint: 'main',
        dispatch: ['N', 1, 1],
        bindings: [
          { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: 4, output: true },
        ],
        runs: { warmup: 2, samples: 10 },
      },
    };
    writeFileSync(join(dir, 'preset.json'), JSON.stringify(preset));
    const from = runs.length;
    const r = await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'bin/duet.mjs'),
        'bench',
        join(dir, 'preset.json'),
        '--sweep',
        'N=64..128',
        '--daemon',
        t.url,
        '--token',
        t.token,
        '--json',
      ],
      { cwd: dir },
    ).catch((x: { code: number; stdout: string }) => x);
    expect('code' in r && r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { rows: { error?: string }[] };
    expect(out.rows.map((row) => row.error)).toEqual([
      expect.stringContaining('time limit exceeded after 2 s'),
      expect.stringContaining('time limit exceeded after 2 s'),
    ]);
    expectEachWithinBound(from, 2);
  });

  it('through the web server’s runs.submit (the page, its sweep, a share’s re-run)', async () => {
    process.env.DUET_DAEMONS = t.url;
    process.env.DUET_TOKEN = t.token;
    const { appRouter } = await import('../server/router');
    const caller = appRouter.createCaller({ clientId: '' });
    const from = runs.length;
    const e = await caller.runs
      .submit({ workload: workload(KERNELS['nested loops, each under 1024 iterations']!), daemon: 0 })
      .then(async (updates) => {
        for await (const _ of updates); // the error comes in the stream, after the run's progress
      })
      .catch((x: unknown) => x);
    // 422, not 408: a browser resends a request answered 408, re-running the kernel (daemon-errors.ts);
    // the page reads this error from the run's stream (HTTP 200), other callers get it as the status.
    expect(e).toMatchObject({ code: 'UNPROCESSABLE_CONTENT', message: 'time limit exceeded after 2 s' });
    expectEachWithinBound(from, 1);
  });
});
