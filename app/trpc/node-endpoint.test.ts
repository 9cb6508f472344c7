/**
 * The tRPC endpoint as scripts/web-server.mjs serves it before Next (./node-endpoint.ts), on a real
 * node:http server with the app's router, read with the page's links (./links.ts), in front of a
 * stand-in daemon speaking the frame protocol (contracts §5) that holds its result until told: the
 * run's first update reaches the page while the run is still going, the result after it, the
 * response carries the headers it is given, and a page that aborts cancels the daemon's run.
 */
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { createTRPCClient } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrameBytes } from '../../core/frame';
import type { AppRouter } from '../../server/router';
import { QUIET_MS } from '../../server/routers/runs';
import { MAX_TRPC_BODY_BYTES } from './body-limit';
import { appLinks } from './links';
import { isTrpcRequest, serveTrpc } from './node-endpoint';

const workload = {
  name: 't',
  wgsl: '@compute @workgroup_size(1) fn main() {}',
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings: [{ group: 0, binding: 0, name: 'y', kind: 'storage', element: 'u32', length: 1, output: true }],
};
const HEADERS = [{ key: 'X-Content-Type-Options', value: 'nosniff' }];

let daemon: Server;
let web: Server;
let webUrl = '';
/** The same endpoint, its answers' start held a minute (serveTrpc's holdMs) instead of HOLD_MS. */
let heldWeb: Server;
/** Resolves the stand-in daemon's held result; `closed` settles when the run's request goes away. */
let release: () => void = () => {};
let closed: Promise<'closed'> = Promise.resolve('closed');
/** Called when the stand-in daemon gets a run. */
let arrived: () => void = () => {};

beforeAll(async () => {
  daemon = createServer((req: IncomingMessage, res) => {
    closed = new Promise((resolve) => res.on('close', () => resolve('closed')));
    arrived();
    req.resume();
    res.writeHead(200, { 'content-type': 'application/x-duet-frames' });
    res.write(encodeFrameBytes({ type: 'accepted', id: 'r1' }));
    new Promise<void>((r) => {
      release = r;
    }).then(() => {
      if (res.destroyed) return;
      const y = new Uint8Array([7, 0, 0, 0]);
      res.end(
        encodeFrameBytes(
          {
            type: 'result',
            id: 'r1',
            backend: 'cpu',
            device: { name: 'test cpu', emulation: true },
            translate: { ms: 1, cacheHit: false },
            queueMs: 0,
            daemonMs: 2,
            timings: {
              compile: { ms: 3 },
              upload: { ms: 0 },
              download: { ms: 0 },
              kernel: { samples: [0.5] },
            },
            outputs: [{ name: 'y', slot: 0, bytes: 4 }],
          },
          [y],
        ),
      );
    });
  });
  await new Promise<void>((r) => daemon.listen(0, '127.0.0.1', r));
  process.env.DUET_DAEMONS = `http://127.0.0.1:${(daemon.address() as AddressInfo).port}`;
  process.env.DUET_TOKEN = 'tok';
  web = createServer((req, res) => {
    if (isTrpcRequest(req)) void serveTrpc(req, res, HEADERS);
    else res.writeHead(418).end('Next would answer this');
  });
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  heldWeb = createServer((req, res) => void serveTrpc(req, res, HEADERS, { holdMs: 60_000 }));
  await new Promise<void>((r) => heldWeb.listen(0, '127.0.0.1', r));
});

afterAll(() => {
  release();
  web.close();
  heldWeb.close();
  daemon.close();
});

const client = () => createTRPCClient<AppRouter>({ links: appLinks(`${webUrl}/api/trpc`) });

describe('the tRPC endpoint before Next', () => {
  it('takes GET and POST on /api/trpc/<procedures> only; the rest goes on to Next', () => {
    const takes = (method: string, url: string) => isTrpcRequest({ method, url } as IncomingMessage);
    expect(takes('POST', '/api/trpc/runs.submit?batch=1')).toBe(true);
    expect(takes('GET', '/api/trpc/daemons.list,translate.wgsl?batch=1&input=%7B%7D')).toBe(true);
    expect(takes('GET', '/api/trpc/daemons.list')).toBe(true);
    for (const [method, url] of [
      ['HEAD', '/api/trpc/daemons.list'],
      ['OPTIONS', '/api/trpc/daemons.list'],
      ['PUT', '/api/trpc/daemons.list'],
      ['GET', '/api/trpc'],
      ['GET', '/api/trpc/'],
      ['GET', '/api/trpc/a/b'],
      ['GET', '/api/trpc/%2e%2e/metrics'],
      ['GET', '/api/trpcx/a'],
      ['GET', '/'],
    ] as const)
      expect(takes(method, url), `${method} ${url}`).toBe(false);
  });

  it('streams a run: its id while the daemon still runs it, then the result', async () => {
    const updates = await client().runs.submit.mutate({ workload, daemon: 0 });
    const it = updates[Symbol.asyncIterator]();
    // Only the daemon's `accepted` has come; it reaches the page after QUIET_MS, the run still going.
    const first = await it.next();
    expect(first.value).toEqual({ type: 'accepted', run: { daemon: 0, id: 'r1' } });
    release();
    const last = await it.next();
    expect(last.value).toMatchObject({
      type: 'result',
      daemonRunId: 'r1',
      outputs: [{ name: 'y', bytes: 4 }],
    });
    expect((await it.next()).done).toBe(true);
  });

  it('cancels the daemon’s run when the page aborts its stream', async () => {
    const ac = new AbortController();
    const updates = await client().runs.submit.mutate({ workload, daemon: 0 }, { signal: ac.signal });
    const it = updates[Symbol.asyncIterator]();
    expect((await it.next()).value).toMatchObject({ type: 'accepted' });
    ac.abort();
    await expect(it.next()).rejects.toThrow();
    // The web server dropped its request to the daemon (the daemon cancels a run whose caller left).
    expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r('open'), 5 * QUIET_MS))])).toBe(
      'closed',
    );
  });

  it('answers with the headers it is given, and refuses an oversized body with a 413 and why', async () => {
    // Declared over the bound: refused before the body is read (16 bytes of it sent, the rest never).
    const refused = await new Promise<{ status: number; nosniff: unknown; body: string }>(
      (resolve, reject) => {
        const req = request(`${webUrl}/api/trpc/runs.submit?batch=1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(MAX_TRPC_BODY_BYTES + 1) },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, nosniff: res.headers['x-content-type-options'], body });
            req.destroy();
          });
        });
        req.on('error', reject);
        req.write(new Uint8Array(16));
      },
    );
    expect(refused.status).toBe(413);
    expect(refused.nosniff).toBe('nosniff');
    expect(refused.body).toMatch(/at most \d+ bytes per request/);
    // A Host header no URL can be made from: a 400 that says so, not a server error.
    const badHost = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${webUrl}/api/trpc/daemons.list`, { headers: { host: 'a b' } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(badHost.status).toBe(400);
    expect(badHost.body).toContain('no URL can be made from Host "a b"');
    const ok = await fetch(
      `${webUrl}/api/trpc/translate.wgsl?batch=1&input=${encodeURIComponent('{"0":{"source":"@compute @workgroup_size(1) fn main() {}"}}')}`,
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('content-encoding')).toBeNull();
  });

  it('sends an answer that ends within the hold in one write: headers, head line and result', async () => {
    const body = JSON.stringify({ 0: { workload, daemon: 0 } });
    const socket = connect((heldWeb.address() as AddressInfo).port, '127.0.0.1');
    const reads: string[] = [];
    const ended = new Promise<void>((resolve) => {
      socket.on('data', (c: Buffer) => {
        reads.push(c.toString());
        // The chunked answer's last chunk.
        if (reads.join('').endsWith('0\r\n\r\n')) resolve();
      });
    });
    const ran = new Promise<void>((r) => {
      arrived = r;
    });
    socket.write(
      `POST /api/trpc/runs.submit?batch=1 HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ntrpc-accept: application/jsonl\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    // Without the hold, the head line (and the headers) would leave here, before the daemon answers.
    await ran;
    release();
    await ended;
    socket.destroy();
    expect(reads.length).toBe(1);
    expect(reads[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(reads[0]).toContain('"daemonRunId":"r1"');
    // The page's run (answered without tRPC's adapter, ./node-submit.ts) carries the headers given too.
    expect(reads[0]).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/i);
    expect(reads[0]).toMatch(/\r\nvary: trpc-accept, accept\r\n/i);
  });
});
