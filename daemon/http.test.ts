/**
 * The HTTP surface without running kernels: auth, info, validation, limits, malformed input, and
 * an executor that cannot start. Runs on the fake executor; real runs are in *.integration.test.ts.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DaemonError, getDaemonInfo, submitRun } from '#daemon-client';
import { DEFAULT_LIMITS } from './config';
import { type RunningDaemon, startDaemon } from './daemon';
import type { TranslateFn } from './translation';

const FAKE = fileURLToPath(new URL('./testkit/fake-executor.mjs', import.meta.url));
const noTranslator: TranslateFn = () => ({ ok: false, diagnostics: [] });

const valid = {
  name: 'fill',
  wgsl: '@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n@compute @workgroup_size(1) fn main() {}',
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings: [{ group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: 4, output: true }],
  runs: { warmup: 0, samples: 1 },
};

async function raw(
  d: RunningDaemon,
  method: string,
  path: string,
  body?: string,
  token: string | null = d.token,
) {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(d.url + path, { method, headers, body });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, json, text };
}

describe('daemon HTTP API (fake executor)', () => {
  let d: RunningDaemon;
  const logs: string[] = [];
  beforeAll(async () => {
    process.env.FAKE_EXECUTOR_MODE = 'hang';
    d = await startDaemon({
      port: 0,
      executorPath: FAKE,
      translate: noTranslator,
      limits: { maxSamples: 50, maxRequestBytes: 64 * 1024, maxRunsPerClientPerMinute: 2 },
      log: (line) => logs.push(line),
    });
  });
  afterAll(() => d?.close());

  it('drops a request whose body is cut off mid-upload, and goes on serving', async () => {
    const u = new URL(d.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(u.port), u.hostname, () => {
        socket.write(
          `POST /v1/runs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${d.token}\r\n` +
            'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":"cut',
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 50));
    expect((await raw(d, 'GET', '/v1/info')).status).toBe(200);
    expect(logs.filter((l) => l.includes('failed'))).toEqual([]);
  });

  it('generates a token when none is given', () => {
    expect(d.tokenGenerated).toBe(true);
    expect(d.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers 401 without a token and with a wrong one', async () => {
    for (const token of [null, 'wrong', `${d.token}x`, '']) {
      const r = await raw(d, 'GET', '/v1/info', undefined, token);
      expect(r.status).toBe(401);
      expect(r.json?.error).toBe('unauthorized');
      expect(r.headers.get('www-authenticate')).toMatch(/Bearer/);
    }
    const post = await raw(d, 'POST', '/v1/runs', JSON.stringify(valid), 'wrong');
    expect(post.status).toBe(401);
  });

  it('reports version, limits, queue and executor on /v1/info', async () => {
    const info = await getDaemonInfo({ url: d.url, token: d.token });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.limits).toEqual({
      ...DEFAULT_LIMITS,
      maxSamples: 50,
      maxRequestBytes: 64 * 1024,
      maxRunsPerClientPerMinute: 2,
    });
    expect(info.queue).toEqual({ length: 0, running: 0 });
    expect(['starting', 'ready']).toContain(info.executor.state);
  });

  it('rejects an invalid workload with 400 and the path of each problem', async () => {
    const bad = { ...valid, bindings: [{ ...valid.bindings[0], length: undefined }] };
    const r = await raw(d, 'POST', '/v1/runs', JSON.stringify(bad));
    expect(r.status).toBe(400);
    expect(r.json?.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'bindings[0].length' })]),
    );
    expect(r.json?.message).toMatch(/invalid workload: bindings\[0\]\.length: /);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const r = await raw(d, 'POST', '/v1/runs', '{"name": ');
    expect(r.status).toBe(400);
    expect(r.json?.error).toBe('invalid');
  });

  it('answers 413 naming the limit, the value and the maximum', async () => {
    const r = await raw(
      d,
      'POST',
      '/v1/runs',
      JSON.stringify({ ...valid, runs: { warmup: 10, samples: 41 } }),
    );
    expect(r.status).toBe(413);
    expect(r.json).toMatchObject({ error: 'limit', limit: 'maxSamples', value: 51, max: 50 });
    const big = await raw(d, 'POST', '/v1/runs', JSON.stringify({ ...valid, pad: 'x'.repeat(70 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ limit: 'maxRequestBytes', max: 64 * 1024 });
  });

  it('limits runs per client per minute with 429 and Retry-After, per X-Duet-Client', async () => {
    const post = (client: string) =>
      fetch(`${d.url}/v1/runs`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${d.token}`, 'X-Duet-Client': client },
        body: JSON.stringify(valid),
      });
    // The stand-in translator refuses everything (422), but each submission still counts.
    expect((await post('rate-a')).status).toBe(422);
    expect((await post('rate-a')).status).toBe(422);
    const third = await post('rate-a');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await third.json()).toMatchObject({ error: 'limit', limit: 'maxRunsPerClientPerMinute', max: 2 });
    expect((await post('rate-b')).status).toBe(422);
  });

  it('maps rejections to DaemonError kinds in the client', async () => {
    const t = { url: d.url, token: d.token };
    await expect(submitRun({ url: d.url, token: 'nope' }, valid as never)).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    const e = await submitRun(t, { ...valid, runs: { warmup: 0, samples: 51 } } as never).catch((x) => x);
    expect(e).toBeInstanceOf(DaemonError);
    expect(e).toMatchObject({
      kind: 'limit',
      limit: { name: 'maxSamples', value: 51, max: 50 },
      status: 413,
    });
    const inv = await submitRun(t, { ...valid, dispatch: [0, 1, 1] } as never).catch((x) => x);
    expect(inv).toMatchObject({ kind: 'invalid', status: 400 });
    expect(inv.issues[0].path).toBe('dispatch[0]');
  });

  it('answers unknown routes and methods with JSON', async () => {
    expect((await raw(d, 'GET', '/nope')).status).toBe(404);
    expect((await raw(d, 'GET', '/v1/runs')).status).toBe(405);
    expect((await raw(d, 'DELETE', '/v1/runs/unknown')).status).toBe(404);
  });

  it('survives arbitrary bodies, paths and broken HTTP', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.constant(JSON.stringify({ ...valid, bindings: 'x' }))),
        fc.constantFrom('/v1/runs', '/v1/info', '/v1/runs/x', '/%%', '/v1/runs/../info'),
        fc.constantFrom('POST', 'GET', 'DELETE', 'PUT'),
        async (body, path, method) => {
          const r = await raw(d, method, path, method === 'GET' ? undefined : body);
          expect(r.status).toBeLessThan(500);
          expect(r.json).not.toBeNull();
        },
      ),
      { numRuns: 60 },
    );
    // A request that is not HTTP at all.
    await new Promise<void>((resolve) => {
      const u = new URL(d.url);
      const req = request({
        host: u.hostname,
        port: u.port,
        method: 'GET',
        path: '/v1/info',
        headers: { 'Content-Length': 'x' },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', () => resolve());
      req.end();
    });
    expect((await raw(d, 'GET', '/v1/info')).status).toBe(200);
  });
});

describe('daemon with an executor that cannot start', () => {
  it('refuses runs with 503 and the reason, shows it in /v1/info, and does not spin', async () => {
    process.env.FAKE_EXECUTOR_MODE = 'crash';
    const d = await startDaemon({
      port: 0,
      executorPath: FAKE,
      translate: noTranslator,
      timing: { backoffInitialMs: 50 },
    });
    try {
      const t = { url: d.url, token: d.token };
      // After the second failure the backoff lasts 100 ms, then a third start begins (state
      // 'starting'): a /v1/info answer slower than that on a loaded machine found no backoff to
      // show. So ask until an answer falls inside a backoff; any such answer must show it whole.
      const end = Date.now() + 20_000;
      let info = await getDaemonInfo(t);
      while (!(info.executor.state === 'backoff' && Number(info.executor.consecutiveFailures) >= 2)) {
        if (Date.now() > end) throw new Error(`no backoff after two failed starts: ${JSON.stringify(info)}`);
        await new Promise((r) => setTimeout(r, 10));
        info = await getDaemonInfo(t);
      }
      expect(info.executor.lastError).toMatch(/cannot open the device/);
      expect(info.executor.starts).toBe(info.executor.consecutiveFailures);
      const r = await raw(d, 'POST', '/v1/runs', JSON.stringify(valid));
      expect(r.status).toBe(503);
      expect(r.json?.message).toMatch(/the executor is not running: it exited with code 1/);
      await expect(submitRun(t, valid as never)).rejects.toMatchObject({ kind: 'run', status: 503 });
    } finally {
      await d.close();
      process.env.FAKE_EXECUTOR_MODE = 'hang';
    }
  });
});

describe('daemon forwarding a large result while it arrives', () => {
  it('sends the phase that came just before the result ahead of it, and every byte of the result', async () => {
    process.env.FAKE_EXECUTOR_MODE = 'big-result';
    const d = await startDaemon({ port: 0, executorPath: FAKE });
    try {
      const events: string[] = [];
      const r = await submitRun({ url: d.url, token: d.token }, valid as never, {
        onEvent: (e) => events.push(e.type === 'phase' ? `${e.phase} ${e.sample}/${e.of}` : e.type),
      });
      // The client stops reading at the result: a phase sent after it would never be seen.
      expect(events).toContain('running 1/1');
      const out = Object.values(r.outputs);
      expect(out.length).toBeGreaterThan(0);
      for (const o of out) {
        expect(o.byteLength).toBe(2 << 20);
        expect(o.every((b) => b === 7)).toBe(true);
      }
    } finally {
      await d.close();
      process.env.FAKE_EXECUTOR_MODE = 'hang';
    }
  });
});

describe('daemon whose executor dies while handing a large result over', () => {
  it('cuts the response off, the client says so, and the next run finds a fresh executor', async () => {
    process.env.FAKE_EXECUTOR_MODE = 'cut-result';
    const logs: string[] = [];
    const d = await startDaemon({ port: 0, executorPath: FAKE, log: (l) => logs.push(l) });
    try {
      const t = { url: d.url, token: d.token };
      const e = await submitRun(t, valid as never).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DaemonError);
      expect((e as DaemonError).kind).toBe('unreachable');
      expect((e as DaemonError).message).toMatch(/broke during the run.*stopped part-way through a frame/);
      expect(logs.join('\n')).toMatch(/the result was cut off while it was forwarded: the executor exited/);
      const end = Date.now() + 20_000;
      while (d.supervisor.status().starts < 2 && Date.now() < end)
        await new Promise((r) => setTimeout(r, 10));
      expect((await getDaemonInfo(t)).executor.starts).toBeGreaterThanOrEqual(2);
    } finally {
      await d.close();
      process.env.FAKE_EXECUTOR_MODE = 'hang';
    }
  });
});

describe('daemon client', () => {
  it('says how to start a daemon when none answers', async () => {
    const url = 'http://127.0.0.1:9';
    const e = await getDaemonInfo({ url, token: 't' }).catch((x) => x);
    expect(e).toMatchObject({ kind: 'unreachable' });
    expect(e.message).toContain(`cannot reach the Duet daemon at ${url}`);
    expect(e.hint).toContain('npx duet daemon');
  });
});

describe('TLS (a LAN workshop daemon with its own certificate)', () => {
  const tlsDir = fileURLToPath(new URL('./testdata/tls/', import.meta.url));
  let d: RunningDaemon;
  beforeAll(async () => {
    d = await startDaemon({
      port: 0,
      executorPath: FAKE,
      translate: noTranslator,
      tls: { cert: `${tlsDir}cert.pem`, key: `${tlsDir}key.pem` },
    });
  });
  afterAll(() => d.close());

  it('answers over https a client that trusts the certificate', async () => {
    expect(d.url).toMatch(/^https:/);
    const ca = readFileSync(`${tlsDir}cert.pem`, 'utf8');
    const info = await getDaemonInfo({ url: d.url, token: d.token, ca });
    expect(info.limits.maxSamples).toBeGreaterThan(0);
  });

  it('tells a client that does not trust it why it cannot connect', async () => {
    const err = await getDaemonInfo({ url: d.url, token: d.token }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DaemonError);
    expect((err as DaemonError).kind).toBe('unreachable');
    expect((err as DaemonError).message).toMatch(/SELF_SIGNED|CERT/);
  });
});
