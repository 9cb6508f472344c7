/**
 * The id the daemon's fair queue and per-client rate limit key on comes from the browser's
 * connection, not from headers a client can write: through the real web server
 * (scripts/web-server.mjs, as `npm start` runs it), a run sent with a made-up X-Forwarded-For,
 * X-Real-IP and peer header still reaches the daemon as `X-Duet-Client: web:127.0.0.1`. The daemon
 * here only records that header (the web server is what is under test) and answers 503.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { freePort } from '../testkit/free-port';
import { waitUp } from '../testkit/wait-up';
import { submitRunError } from './testkit/run-stream';

let daemon: Server;
let web: ChildProcess;
let baseURL = '';
const seen: string[] = [];

test.beforeAll(async () => {
  daemon = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/v1/runs') seen.push(String(req.headers['x-duet-client']));
    req.resume();
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' });
    res.end(JSON.stringify({ error: 'unavailable', message: 'a recording daemon: runs nothing' }));
  });
  const daemonPort = await freePort();
  await new Promise<void>((resolve) => daemon.listen(daemonPort, '127.0.0.1', resolve));
  const webPort = await freePort();
  web = spawn(process.execPath, ['scripts/web-server.mjs'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: String(webPort),
      HOST: '127.0.0.1',
      DUET_DAEMONS: `http://127.0.0.1:${daemonPort}`,
      DUET_TOKEN: 'e2e-recording',
      DUET_TRUST_PROXY: '',
    },
  });
  baseURL = `http://127.0.0.1:${webPort}`;
  await waitUp(`${baseURL}/`, 'the web server', { ms: 120_000 });
});

test.afterAll(async () => {
  if (web && web.exitCode === null) {
    await new Promise<void>((resolve) => {
      web.once('exit', () => resolve());
      web.kill('SIGTERM');
    });
  }
  await new Promise<void>((resolve) => daemon?.close(() => resolve()));
});

test('a client cannot choose the id the daemon sees by writing forwarding headers', async () => {
  const workload = {
    name: 'who',
    wgsl: '@group(0) @binding(0) var<storage, read_write> y: array<f32>;\n@compute @workgroup_size(64) fn main() { y[0] = 1.0; }',
    entryPoint: 'main',
    dispatch: [1, 1, 1],
    bindings: [
      { group: 0, binding: 0, name: 'y', kind: 'storage', element: 'f32', length: 64, output: true },
    ],
  };
  for (const spoof of ['203.0.113.9', '198.51.100.2']) {
    const e = await submitRunError(
      baseURL,
      { workload, daemon: 0 },
      { headers: { 'x-forwarded-for': spoof, 'x-real-ip': spoof, 'x-duet-peer': spoof } },
    );
    // The recording daemon's 503 comes back as the run's error.
    expect(e.data?.httpStatus).toBeGreaterThanOrEqual(400);
  }
  expect(seen).toEqual(['web:127.0.0.1', 'web:127.0.0.1']);
});
