/**
 * Warm end-to-end overhead of a tiny run, beside a bare HTTP round trip on the same machine, same run:
 *   page path:   POST /api/trpc/runs.submit (web server → daemon → executor → back), outputs as the page
 *                gets them (inline when small, else the binary route), with fetch (as the browser does)
 *   daemon path: daemon client straight to the daemon (what the web server does), node:http
 *   bare HTTP:   a loopback Node HTTP server answering a few bytes, once with node:http (the daemon
 *                client's transport: the daemon path's baseline) and once with fetch (the page path's)
 * Measured interleaved (A B C D A B C D …) so all four see the same machine state.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseWorkload } from '../core/workload';
import { submitRun } from '../daemon/client';
import { type Measurement, summarise } from './measure';
import { startStack } from './stack';

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

export interface OverheadResult {
  pagePath: Measurement;
  daemonPath: Measurement;
  /** Of the daemon path: the daemon's own time (request received → result ready, `daemonMs`). */
  daemonInside?: Measurement;
  /** Bare round trip with node:http (the daemon client's transport). */
  bareHttp: Measurement;
  /** Bare round trip with fetch (the page path's client). */
  bareFetch?: Measurement;
  /** page path / bare fetch round trip */
  ratioPageToBare: number;
  /** daemon path / bare node:http round trip */
  ratioDaemonToBare: number;
  /** daemon path / bare fetch round trip (for comparison with earlier runs, whose client was fetch) */
  ratioDaemonToBareFetch?: number;
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
  const stack = await startStack('cpu');
  try {
    const pagePath = async () => {
      const res = await fetch(`${stack.webUrl}/api/trpc/runs.submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workload: tiny, daemon: 0 }),
      });
      const body = (await res.json()) as {
        result?: { data?: { id: string; outputs: { name: string; inline?: string }[] } };
        error?: unknown;
      };
      const data = body.result?.data;
      if (!data) throw new Error(`runs.submit failed: ${JSON.stringify(body.error ?? body)}`);
      // As the page does (app/lib/remote-side.ts): small outputs come inline, others by the binary route.
      for (const o of data.outputs) {
        if (o.inline !== undefined) continue;
        const out = await fetch(`${stack.webUrl}/api/runs/${data.id}/outputs/${o.name}`);
        if (!out.ok) throw new Error(`output fetch failed: ${out.status}`);
        await out.arrayBuffer();
      }
    };
    const inside: number[] = [];
    const daemonPath = async () => {
      const t0 = performance.now();
      const r = await submitRun({ url: stack.daemonUrl, token: stack.token }, parsed.workload);
      inside.push(performance.now() - t0 - (r.timings.transport?.ms ?? 0));
    };
    const agent = new Agent({ keepAlive: true });
    const bareHttp = () =>
      new Promise<void>((resolve, reject) => {
        const req = request(bareUrl, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end();
      });
    const bareFetch = async () => {
      await (await fetch(bareUrl)).text();
    };
    const fns = [pagePath, daemonPath, bareHttp, bareFetch];
    const times: number[][] = [[], [], [], []];
    for (let i = 0; i < 5; i++) for (const f of fns) await f(); // warm: compile cache, JIT, connections
    inside.length = 0;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < fns.length; k++) {
        const t0 = performance.now();
        await fns[k]!();
        times[k]!.push(performance.now() - t0);
      }
    }
    agent.destroy();
    const [p, d, b, bf] = times.map((t) => summarise(t));
    return {
      pagePath: p!,
      daemonPath: d!,
      daemonInside: summarise(inside),
      bareHttp: b!,
      bareFetch: bf!,
      ratioPageToBare: p!.median / bf!.median,
      ratioDaemonToBare: d!.median / b!.median,
      ratioDaemonToBareFetch: d!.median / bf!.median,
    };
  } finally {
    stack.stop();
    bare.close();
  }
}
