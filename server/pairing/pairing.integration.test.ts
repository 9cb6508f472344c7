/**
 * Pairing end to end below the page: a real web server side (scripts/daemon-connections.mjs + the
 * pairing hub on SQLite, server/pairing/test-web-server.ts) and real daemons on the CPU executor
 * that dial out to it, in process (daemon/connect/dial-out.ts) and as `duet daemon --connect`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DaemonError, getDaemonInfo, submitRun, submitRunChunked } from '#daemon-client';
import type { WorkloadInput } from '../../core/workload';
import { type DialOut, dialOut } from '../../daemon/connect/dial-out';
import { parseWebServerUrl } from '../../daemon/connect/web-server-url';
import { type RunningDaemon, startDaemon } from '../../daemon/daemon';
import { endlessWorkload } from '../../testkit/endless-kernel';
import { targetOf } from '../daemon-config';
import { startTestWebServer, type TestWebServer } from './test-web-server';
import { visibleDaemonsOf } from './visible-daemons';

const ROOT = join(import.meta.dirname, '..', '..');
const OWNER = 'browser-owner-key';

const FILL = `
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < arrayLength(&out)) { out[id.x] = id.x * 3u + 1u; }
}`;

/** 4 MiB of output: many tunnel pieces (daemon/connect/tunnel.ts MAX_PIECE). */
const N = 1 << 20;
const fill: WorkloadInput = {
  name: 'fill',
  wgsl: FILL,
  entryPoint: 'main',
  dispatch: [N / 64, 1, 1],
  bindings: [{ group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: N, output: true }],
  runs: { warmup: 0, samples: 1 },
};

const endless = endlessWorkload();

async function waitFor<T>(
  what: string,
  get: () => Promise<T | undefined | null | false>,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The owner's paired daemon once it is connected. */
function connectedPaired(web: TestWebServer) {
  return waitFor('the paired daemon to connect', async () => {
    const d = (await visibleDaemonsOf(web.hub, OWNER, []))[0];
    return d?.paired && !d.paired.offline ? d : null;
  });
}

function expectFill(bytes: Uint8Array): void {
  const v = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  expect(v.length).toBe(N);
  expect(v[0]).toBe(1);
  expect(v[12345]).toBe(12345 * 3 + 1);
  expect(v[N - 1]).toBe(((N - 1) * 3 + 1) >>> 0);
}

let dir: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'duet-pairing-'));
});

describe('a daemon paired in process', () => {
  let web: TestWebServer;
  let daemon: RunningDaemon;
  let out: DialOut;
  const daemonLog: string[] = [];
  const pairingFile = () => join(dir, 'in-process-pairings.json');

  beforeAll(async () => {
    web = await startTestWebServer(join(dir, 'web.db'));
    daemon = await startDaemon({
      port: 0,
      backend: 'cpu',
      cacheDir: join(dir, 'cache'),
      limits: { maxRunMs: 60_000, maxSamples: 50 },
    });
    const { code } = web.hub.codes.issue(OWNER);
    out = dialOut({
      server: parseWebServerUrl(web.url),
      code,
      name: 'test-gpu-host (cpu)',
      serve: (s) => daemon.tunnelServer.emit('connection', s),
      pairingFile: pairingFile(),
      backoff: { baseMs: 100, capMs: 1000 },
      log: (l) => daemonLog.push(l),
    });
    await out.connected;
  });
  afterAll(async () => {
    out?.close();
    await web?.close();
    await daemon?.close();
  });

  it('relays a run and its binary output through the tunnel', async () => {
    const d = await connectedPaired(web);
    expect(d.url).toBe('paired:test-gpu-host (cpu)');
    const info = await getDaemonInfo(targetOf(d));
    expect(info.backend === 'cpu' || info.backend === null).toBe(true);
    const r = await submitRunChunked(targetOf(d), fill, { clientId: 'web:10.0.0.1' });
    expect(r.outputs.out!.bytes).toBe(N * 4);
    expectFill(Buffer.concat(r.outputs.out!.chunks));
    // Owner-only secret file; the secret is in neither side's log.
    const file = pairingFile();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = Object.values(
      JSON.parse(readFileSync(file, 'utf8')) as Record<string, { secret: string }>,
    )[0]!.secret;
    expect(secret.length).toBeGreaterThan(30);
    expect([...daemonLog, ...web.logs].join('\n')).not.toContain(secret);
  });

  it("applies the daemon's own limits to a run through the tunnel", async () => {
    const d = await connectedPaired(web);
    const e = await submitRun(targetOf(d), { ...fill, runs: { warmup: 0, samples: 51 } }).catch(
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DaemonError);
    expect(e).toMatchObject({ kind: 'limit', limit: { name: 'maxSamples', value: 51, max: 50 } });
  });

  it('lists a pairing that is not connected as such, and a run on it fails at once saying so', async () => {
    const other = await web.hub.codes.issue('owner-with-an-idle-daemon');
    const idle = dialOut({
      server: parseWebServerUrl(web.url),
      code: other.code,
      name: 'idle-host (cpu)',
      serve: (s) => daemon.tunnelServer.emit('connection', s),
      pairingFile: join(dir, 'idle-pairings.json'),
      log: () => {},
    });
    await idle.connected;
    idle.close();
    const d = await waitFor('the idle daemon to drop', async () => {
      const listed = (await visibleDaemonsOf(web.hub, 'owner-with-an-idle-daemon', []))[0];
      return listed?.paired?.offline ? listed : null;
    });
    const e = await submitRun(targetOf(d), fill).catch((err: unknown) => err);
    expect(e).toMatchObject({
      kind: 'unreachable',
      message:
        'cannot reach paired:idle-host (cpu): the paired daemon "idle-host (cpu)" is not connected to this web server',
    });
  });

  it('stops the older of two daemons sharing one pairing, instead of letting them take turns', async () => {
    const copy = dialOut({
      server: parseWebServerUrl(web.url),
      name: 'test-gpu-host (cpu)',
      serve: (s) => daemon.tunnelServer.emit('connection', s),
      pairingFile: pairingFile(),
      backoff: { baseMs: 100, capMs: 1000 },
      log: (l) => daemonLog.push(l),
    });
    try {
      await copy.connected;
      await expect(out.done).rejects.toThrow(/another daemon with this pairing connected .* this one stops/);
    } finally {
      // The copy takes the first one's place for the tests after this one.
      out = copy;
    }
  });

  it('is invisible to another browser', async () => {
    expect(await visibleDaemonsOf(web.hub, 'another-browser', [])).toEqual([]);
    expect(await visibleDaemonsOf(web.hub, null, [])).toEqual([]);
  });

  it('ends a run cut off mid-way with a clear error, reconnects, and runs the next one', async () => {
    const d = await connectedPaired(web);
    let running!: () => void;
    const started = new Promise<void>((r) => {
      running = r;
    });
    const cut = submitRun(targetOf(d), endless, { onEvent: (e) => e.type === 'phase' && running() });
    cut.catch(() => {});
    await started;
    for (const ws of web.sockets.clients) ws.terminate();
    const e = await cut.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DaemonError);
    expect((e as DaemonError).kind).toBe('unreachable');
    expect((e as DaemonError).message).toMatch(
      /paired daemon "test-gpu-host \(cpu\)" disconnected from this web server/,
    );
    // The daemon ended the run too: nothing stays running there.
    await waitFor('the cut run to end on the daemon', async () => {
      const info = await getDaemonInfo({ url: daemon.url, token: daemon.token });
      return info.queue.running === 0 && info.queue.length === 0;
    });
    expect(daemonLog.join('\n')).toMatch(/lost the connection .* trying .* again in \d+\.\d s/);
    const again = await connectedPaired(web);
    const r = await submitRun(targetOf(again), fill);
    expectFill(r.outputs.out!);
  });

  it('reconnects after the web server restarts, keeping its pairing', async () => {
    const port = web.port;
    await web.close();
    web = await startTestWebServer(join(dir, 'web.db'), port);
    const d = await connectedPaired(web);
    expect(web.logs.join('\n')).toMatch(/reconnected/);
    const r = await submitRun(targetOf(d), fill);
    expectFill(r.outputs.out!);
  });
});

/** `duet daemon` as a process, with its own config folder; resolves with its exit code and output. */
function daemonProcess(args: string[]) {
  const env = { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(dir, 'cfg-')), DUET_TOKEN: '' };
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/duet.mjs'), 'daemon', '--port', '0', '--backend', 'cpu', ...args],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output, configHome: env.XDG_CONFIG_HOME };
}

describe('duet daemon --connect as a process', () => {
  let web: TestWebServer;
  beforeAll(async () => {
    web = await startTestWebServer(join(dir, 'cli-web.db'));
  });
  afterAll(async () => {
    await web?.close();
  });

  it('pairs with the code, serves a run, keeps its secret owner-only, and logs neither code nor secret', async () => {
    const { code } = web.hub.codes.issue(OWNER);
    const d = daemonProcess(['--connect', web.url, '--pair', code]);
    try {
      const paired = await connectedPaired(web);
      const r = await submitRun(targetOf(paired), fill);
      expectFill(r.outputs.out!);
      const file = join(d.configHome, 'duet', 'pairings.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const secret = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { secret: string }>)[web.url]!
        .secret;
      d.child.kill('SIGTERM');
      expect(await d.exited).toBe(0);
      const logs = `${d.output()}\n${web.logs.join('\n')}`;
      expect(logs).toMatch(/paired with http:\/\/127\.0\.0\.1:\d+ as daemon/);
      for (const s of [secret, code, code.replace('-', '')]) expect(logs).not.toContain(s);
      // The code is used up: a second daemon with it is refused.
      const again = daemonProcess(['--connect', web.url, '--pair', code]);
      expect(await again.exited).toBe(1);
      expect(again.output()).toMatch(
        /refused this daemon: this pairing code is wrong, already used or expired/,
      );
    } finally {
      d.child.kill('SIGKILL');
    }
  });

  it('refuses a wrong code with a plain message and exit 1', async () => {
    const d = daemonProcess(['--connect', web.url, '--pair', 'ABCDE-FGHJK']);
    expect(await d.exited).toBe(1);
    expect(d.output()).toMatch(
      /duet daemon: .*refused this daemon: this pairing code is wrong, already used or expired/,
    );
  });

  it('says plainly when nothing listens at the URL, or something that is not a Duet web server', async () => {
    const closed = await startTestWebServer(join(dir, 'gone.db'));
    const goneUrl = closed.url;
    await closed.close();
    const gone = daemonProcess(['--connect', goneUrl, '--pair', 'ABCDE-FGHJK']);
    expect(await gone.exited).toBe(1);
    expect(gone.output()).toMatch(
      /cannot connect to http:\/\/127\.0\.0\.1:\d+: nothing listens at .* \(connection refused\)/,
    );

    const other = createServer((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const wrong = daemonProcess(['--connect', url, '--pair', 'ABCDE-FGHJK']);
      expect(await wrong.exited).toBe(1);
      expect(wrong.output()).toMatch(/answered HTTP 404 where a Duet web server takes daemons/);
    } finally {
      other.close();
    }
  });

  it('refuses an http URL beyond loopback before starting, naming https and the flag', async () => {
    const d = daemonProcess(['--connect', 'http://duet.example.org', '--pair', 'ABCDE-FGHJK']);
    expect(await d.exited).toBe(2);
    expect(d.output()).toMatch(/plain http beyond this machine.*https:\/\/.*--allow-insecure-http/s);
  });
});

describe('pairing over TLS (https:// → wss://)', () => {
  const tlsDir = join(ROOT, 'daemon', 'testdata', 'tls');
  const cert = readFileSync(join(tlsDir, 'cert.pem'), 'utf8');
  const key = readFileSync(join(tlsDir, 'key.pem'), 'utf8');
  let web: TestWebServer;
  let plain: TestWebServer;
  let daemon: RunningDaemon;
  beforeAll(async () => {
    web = await startTestWebServer(join(dir, 'tls-web.db'), 0, { cert, key });
    plain = await startTestWebServer(join(dir, 'tls-plain.db'));
    daemon = await startDaemon({ port: 0, backend: 'cpu', cacheDir: join(dir, 'cache') });
  });
  afterAll(async () => {
    await web?.close();
    await plain?.close();
    await daemon?.close();
  });

  const dial = (url: string, code: string, ca?: string) =>
    dialOut({
      server: parseWebServerUrl(url),
      code,
      name: 'tls-host (cpu)',
      serve: (s) => daemon.tunnelServer.emit('connection', s),
      pairingFile: join(dir, 'tls-pairings.json'),
      ...(ca ? { ca } : {}),
      log: () => {},
    });

  it('pairs and relays a run through wss when the web server is https', async () => {
    expect(web.url).toMatch(/^https:/);
    const out = dial(web.url, web.hub.codes.issue(OWNER).code, cert);
    try {
      await out.connected;
      const r = await submitRun(targetOf(await connectedPaired(web)), fill);
      expectFill(r.outputs.out!);
    } finally {
      out.close();
    }
  });

  it('refuses a web server whose certificate it does not trust, saying so', async () => {
    await expect(dial(web.url, web.hub.codes.issue(OWNER).code).done).rejects.toThrow(
      /TLS certificate is not trusted .*NODE_EXTRA_CA_CERTS/,
    );
  });

  it('says an https:// address of a plain http web server fails its TLS handshake, and what to use', async () => {
    const url = plain.url.replace('http:', 'https:');
    await expect(dial(url, plain.hub.codes.issue(OWNER).code).done).rejects.toThrow(
      /TLS handshake with https:\/\/127\.0\.0\.1:\d+ failed .*needs an http:\/\/ address/,
    );
  });
});
