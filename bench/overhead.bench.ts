/**
 * Warm end-to-end overhead of a tiny run, beside bare HTTP round trips on the same machine, same run:
 *   page path:   the streamed `runs.submit` (web server → daemon → executor → back) read to its result
 *                as the page reads it (a tRPC client with the page's links over fetch, app/trpc/links.ts,
 *                and its followRun), outputs as the page gets them (inline when small, else the binary route)
 *   daemon path: daemon client straight to the daemon (what the web server does), node:http
 *   bare HTTP:   a loopback Node HTTP server answering a few bytes, with node:http (the daemon client's
 *                transport): once in another process, as the daemon is (the daemon path's baseline: the
 *                same hop between two processes, without Duet's work), once in this process (no
 *                wake-up of another process: the cheapest round trip there is); and with fetch (the
 *                page path's client), in this process and in another (the browser and the web server
 *                are never one process; the issue's baseline stays the same-process one)
 *   floor:       the page path's process topology doing nothing (bench/floor/): fetch → a node:http
 *                process → keep-alive node:http → a node:http process → a pipe → a native echo process
 *                and back, each hop carrying the tiny run's byte counts; and the same without the
 *                daemon's process (the one a web server running the run service itself would drop)
 * Measured interleaved (A B C D E A B C D E …) so all see the same machine state, after WARMUP_ROUNDS
 * rounds (caches and connections warm). Then again, the daemon path and its node:http baselines only,
 * once the daemon has served LONG_SERVED_RUNS runs, as one serving a workshop soon has: its
 * JavaScript is optimised by then. The local daemon runs with the rate limit lifted (it would refuse
 * the bench's runs after 120 in a minute).
 */
import { spawn } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createTRPCClient } from '@trpc/client';
import { submitRun } from '#daemon-client';
import { followRun } from '../app/lib/remote-side';
import { appLinks } from '../app/trpc/links';
import { parseWorkload } from '../core/workload';
import type { AppRouter } from '../server/router';
import { startStack } from '../testkit/stack';
import { measureFloorSizes } from './floor/sizes';
import { type FloorSizes, type FloorStack, startFloorStack } from './floor/stack';
import { type Measurement, summarise } from './measure';
import { cpuPerRun, type ProcessCpu, processTreeCpu } from './process-cpu';

const tiny = {
  name: 'tiny-saxpy',
  wgsl: `struct Params { n: u32, a: f32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let i = gid.x;
  if (i < params.n) { y[i] = params.a * x[i] + y[i]; }
}`,
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings: [
    { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: { n: 64, a: 2 } },
    {
      group: 0,
      binding: 1,
      name: 'x',
      kind: 'storage-read',
      element: 'f32',
      length: 64,
      init: { iota: { start: 0, step: 1 } },
    },
    {
      group: 0,
      binding: 2,
      name: 'y',
      kind: 'storage',
      element: 'f32',
      length: 64,
      init: { fill: 1 },
      output: true,
    },
  ],
  runs: { warmup: 0, samples: 1 },
};

/** Rounds of every path before measuring. */
export const WARMUP_ROUNDS = 100;
/** Daemon-path runs the daemon has served before the long-served measurement. */
export const LONG_SERVED_RUNS = 1000;
/** Page-path runs, back to back, between the two CPU readings of the processes involved. */
export const CPU_RUNS = 200;
/** Rounds of the page and daemon paths before the floor's byte counts are read (a warm run's counts). */
const FLOOR_PRE_ROUNDS = 10;
/** Daemon-path runs over which the executor's pipe bytes per run are read. */
const FLOOR_SIZE_RUNS = 20;

/**
 * Where a page-path run's time goes, each stage's median over the measured runs (so they need not
 * add up to the path's median). From the run's own answer: `serverRoundTripMs` (the web server's
 * procedure: run started → daemon's result in) and the daemon client's `transport` (its round trip
 * less the daemon's `daemonMs`).
 */
export interface PageStages {
  /** The browser's side and the web server's HTTP and tRPC work, in and out: total − serverRoundTripMs. */
  outsideProcedure: Measurement;
  /** The web server's round trip to the daemon, the daemon's own time taken out. */
  daemonHop: Measurement;
  /** Inside the daemon (request in → result ready): serverRoundTripMs − transport. */
  daemonInside: Measurement;
  /** Of that, the executor's timed phases (upload + kernel samples + download). */
  executorPhases: Measurement;
}

export interface OverheadResult {
  /**
   * The machine's 1-minute load average when the measurement began and ended, and its cores: above
   * the core count, other work shared the machine and the figures are provisional.
   */
  load?: { start: number; end: number; cores: number };
  /** Rounds before measuring (absent in records from before it was 100: 5). */
  warmupRounds?: number;
  /** The daemon path again once the daemon has served `runs` runs, with its baselines. */
  longServed?: {
    runs: number;
    daemonPath: Measurement;
    daemonInside: Measurement;
    bareHttpOtherProcess: Measurement;
    bareHttp: Measurement;
    ratioDaemonToBareOtherProcess: number;
  };
  pagePath: Measurement;
  /** The page path's stages (absent in records from before 2026-12-06). */
  pageStages?: PageStages;
  /**
   * CPU per page-path run (ms, user + system, Linux /proc) of each process on it, over CPU_RUNS runs
   * back to back: the bench's own (the browser's part: fetch and the tRPC client), the web server,
   * the daemon, the executor. Absent without /proc.
   */
  pageCpuMs?: Partial<Record<ProcessCpu['role'], number>> & { runs: number };
  daemonPath: Measurement;
  /** Of the daemon path: the daemon's own time (request received → result ready, `daemonMs`). */
  daemonInside?: Measurement;
  /** Bare round trip with node:http (the daemon client's transport), server in this process. */
  bareHttp: Measurement;
  /** The same, server in another process (as the daemon is). */
  bareHttpOtherProcess?: Measurement;
  /** Bare round trip with fetch (the page path's client). */
  bareFetch?: Measurement;
  /** The same, server in another process (as the web server always is to a browser). */
  bareFetchOtherProcess?: Measurement;
  /**
   * The page path's topology doing nothing (bench/floor/), measured with the other rows; absent
   * where the executor's byte counts cannot be read (no /proc/<pid>/io) and in earlier records.
   */
  floor?: {
    sizes: FloorSizes;
    path: Measurement;
    /** The same with the daemon's process taken out (the executor still its own process). */
    withoutDaemon: Measurement;
    /** CPU per floor run by process, over CPU_RUNS runs back to back, as `pageCpuMs`. */
    cpuMs?: Partial<Record<ProcessCpu['role'], number>> & { runs: number };
  };
  /** page path / bare fetch round trip */
  ratioPageToBare: number;
  /** daemon path / bare node:http round trip, server in this process */
  ratioDaemonToBare: number;
  /** daemon path / bare node:http round trip, server in another process */
  ratioDaemonToBareOtherProcess?: number;
  /** daemon path / bare fetch round trip (for comparison with earlier runs, whose client was fetch) */
  ratioDaemonToBareFetch?: number;
}

/** A bare HTTP server in a child process, answering as the in-process one does. */
async function startBareServerProcess(): Promise<{ url: string; stop(): void }> {
  const code = `const s = require('node:http').createServer((q, r) => { r.writeHead(200, { 'content-type': 'text/plain' }); r.end('ok'); });
s.listen(0, '127.0.0.1', () => process.stdout.write(String(s.address().port) + '\\n'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (c) => reject(new Error(`the bare server process exited (${c})`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

export async function benchOverhead(n = 60): Promise<OverheadResult> {
  const parsed = parseWorkload(tiny);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  const other = await startBareServerProcess();
  let floorStack: FloorStack | null = null;
  const stack = await startStack({
    daemons: [{ limits: { maxRunsPerClientPerMinute: 1_000_000 } }],
    build: true,
    echo: 'stderr',
  });
  try {
    const client = createTRPCClient<AppRouter>({ links: appLinks(`${stack.baseURL}/api/trpc`) });
    const stages = {
      outside: [] as number[],
      hop: [] as number[],
      inside: [] as number[],
      exec: [] as number[],
    };
    const pagePath = async () => {
      const t0 = performance.now();
      const data = await followRun(await client.runs.submit.mutate({ workload: tiny, daemon: 0 }));
      const total = performance.now() - t0;
      const hop = data.timings.transport?.ms ?? 0;
      stages.outside.push(total - data.serverRoundTripMs);
      stages.hop.push(hop);
      stages.inside.push(data.serverRoundTripMs - hop);
      stages.exec.push(
        data.timings.upload.ms +
          data.timings.kernel.samples.reduce((a, b) => a + b, 0) +
          data.timings.download.ms,
      );
      // As the page does (app/lib/remote-side.ts): small outputs come inline, others by the binary route.
      for (const o of data.outputs) {
        if (o.inline !== undefined) continue;
        const out = await fetch(`${stack.baseURL}/api/runs/${data.id}/outputs/${o.name}`);
        if (!out.ok) throw new Error(`output fetch failed: ${out.status}`);
        await out.arrayBuffer();
      }
    };
    const inside: number[] = [];
    const daemonPath = async () => {
      const t0 = performance.now();
      const r = await submitRun({ url: stack.daemonUrls[0]!, token: stack.token }, parsed.workload);
      inside.push(performance.now() - t0 - (r.timings.transport?.ms ?? 0));
    };
    const agent = new Agent({ keepAlive: true });
    const get = (url: string) => () =>
      new Promise<void>((resolve, reject) => {
        const req = request(url, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end();
      });
    const bareHttp = get(bareUrl);
    const bareHttpOther = get(other.url);
    const bareFetch = async () => {
      await (await fetch(bareUrl)).text();
    };
    const bareFetchOther = async () => {
      await (await fetch(other.url)).text();
    };
    // The floor carries a warm run's byte counts: measured after a few runs of each path.
    for (let i = 0; i < FLOOR_PRE_ROUNDS; i++) {
      await pagePath();
      await daemonPath();
    }
    const sizes = await measureFloorSizes({
      pageUrl: stack.baseURL,
      pageInput: { workload: tiny, daemon: 0 },
      daemonUrl: stack.daemonUrls[0]!,
      token: stack.token,
      workload: parsed.workload,
      daemonRun: daemonPath,
      runs: FLOOR_SIZE_RUNS,
    });
    floorStack = sizes ? await startFloorStack(sizes) : null;
    const floorBody = JSON.stringify({ 0: { workload: tiny, daemon: 0 } });
    const post = (url: string) => async () => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'trpc-accept': 'application/jsonl' },
        body: floorBody,
      });
      await res.arrayBuffer();
      // A stand-in that failed answers 502: a floor made of errors must not pass for one.
      if (!res.ok) throw new Error(`the floor answered ${res.status}`);
    };
    const floorPath = floorStack ? post(floorStack.url) : null;
    const floorWithoutDaemon = floorStack ? post(floorStack.withoutDaemonUrl) : null;
    /** n interleaved rounds of fns: each one's times. */
    const rounds = async (fns: (() => Promise<void>)[]) => {
      const times: number[][] = fns.map(() => []);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < fns.length; k++) {
          const t0 = performance.now();
          await fns[k]!();
          times[k]!.push(performance.now() - t0);
        }
      }
      return times.map((t) => summarise(t));
    };
    const fns = [
      pagePath,
      daemonPath,
      bareHttp,
      bareFetch,
      bareHttpOther,
      bareFetchOther,
      ...(floorPath && floorWithoutDaemon ? [floorPath, floorWithoutDaemon] : []),
    ];
    const loadStart = loadavg()[0]!;
    for (let i = 0; i < WARMUP_ROUNDS; i++) for (const f of fns) await f();
    inside.length = 0;
    for (const k of Object.values(stages)) k.length = 0;
    const [p, d, b, bf, bo, bfo, fl, flw] = await rounds(fns);
    const daemonInside = summarise(inside);
    const pageStages: PageStages = {
      outsideProcedure: summarise(stages.outside),
      daemonHop: summarise(stages.hop),
      daemonInside: summarise(stages.inside),
      executorPhases: summarise(stages.exec),
    };
    const cpuBefore = processTreeCpu();
    for (let i = 0; i < CPU_RUNS; i++) await pagePath();
    const cpuAfter = processTreeCpu();
    const pageCpuMs =
      cpuBefore && cpuAfter ? { ...cpuPerRun(cpuBefore, cpuAfter, CPU_RUNS), runs: CPU_RUNS } : undefined;
    let floorCpuMs: NonNullable<OverheadResult['floor']>['cpuMs'];
    if (floorPath) {
      const before = processTreeCpu();
      for (let i = 0; i < CPU_RUNS; i++) await floorPath();
      const after = processTreeCpu();
      if (before && after) floorCpuMs = { ...cpuPerRun(before, after, CPU_RUNS), runs: CPU_RUNS };
    }
    // Long-served: the daemon's JavaScript keeps getting faster as V8 optimises its hot functions
    // over the first thousand or so runs; a daemon serving a workshop is past that within minutes.
    // Runs the daemon has served so far (each page-path run is one too; the floor's two probes aside).
    const served = WARMUP_ROUNDS + n + CPU_RUNS + FLOOR_PRE_ROUNDS + FLOOR_SIZE_RUNS;
    for (let i = 0; i < LONG_SERVED_RUNS - served; i++) await daemonPath();
    inside.length = 0;
    const [dl, bol, bl] = await rounds([daemonPath, bareHttpOther, bareHttp]);
    agent.destroy();
    return {
      load: { start: loadStart, end: loadavg()[0]!, cores: cpus().length },
      warmupRounds: WARMUP_ROUNDS,
      longServed: {
        runs: LONG_SERVED_RUNS,
        daemonPath: dl!,
        daemonInside: summarise(inside),
        bareHttpOtherProcess: bol!,
        bareHttp: bl!,
        ratioDaemonToBareOtherProcess: dl!.median / bol!.median,
      },
      pagePath: p!,
      pageStages,
      ...(pageCpuMs ? { pageCpuMs } : {}),
      daemonPath: d!,
      daemonInside,
      bareHttp: b!,
      bareHttpOtherProcess: bo!,
      bareFetch: bf!,
      bareFetchOtherProcess: bfo!,
      ...(sizes && fl && flw
        ? {
            floor: {
              sizes,
              path: fl,
              withoutDaemon: flw,
              ...(floorCpuMs ? { cpuMs: floorCpuMs } : {}),
            },
          }
        : {}),
      ratioPageToBare: p!.median / bf!.median,
      ratioDaemonToBare: d!.median / b!.median,
      ratioDaemonToBareOtherProcess: d!.median / bo!.median,
      ratioDaemonToBareFetch: d!.median / bf!.median,
    };
  } finally {
    await stack.stop();
    floorStack?.stop();
    bare.close();
    other.stop();
  }
}
