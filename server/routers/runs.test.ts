/**
 * runs.submit against a stand-in daemon speaking the frame protocol (contracts §5): the run's id and
 * progress stream back as the daemon sends them, then the result's metadata; the bytes land in the
 * run store, and errors are typed. runs.cancel reaches the daemon by that id.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeFrameBytes } from '../../core/frame';
import { describeRunEvent } from '../../core/progress';
import { errorDetailsOf } from '../error-details';
import { appRouter } from '../router';
import { runStore } from '../run-store';
import { clientIdFromHeaders } from '../trpc';
import { INLINE_OUTPUT_BYTES, QUIET_MS } from './runs';

// Watched, not replaced: runs.submit describes each daemon event as it takes it in, so a test on a
// stopped clock can tell when an event has reached the quiet period's hold.
vi.mock('../../core/progress', async (actual) => {
  const real = await actual<typeof import('../../core/progress')>();
  return { ...real, describeRunEvent: vi.fn(real.describeRunEvent) };
});

/** Lets sockets and callbacks run (setImmediate is not faked below) until `cond` holds. */
async function settle(cond: () => boolean): Promise<void> {
  for (let i = 0; !cond(); i++) {
    if (i > 1_000_000) throw new Error('gave up waiting');
    await new Promise((r) => setImmediate(r));
  }
}

const workload = {
  name: 't',
  wgsl: '@compute @workgroup_size(1) fn main() {}',
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings: [{ group: 0, binding: 0, name: 'y', kind: 'storage', element: 'u32', length: 4, output: true }],
};

let outputBytes = new Uint8Array([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]);
let server: Server;
let url = '';
let lastClientHeader: string | undefined;
let lastDelete: string | undefined;
/** While set, the stand-in daemon sends its progress frames and holds the result until it resolves. */
let holdResult: Promise<void> | null = null;
/** The stand-in daemon's run stays queued (no phase frame before the result). */
let queuedOnly = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    lastClientHeader = req.headers['x-duet-client'] as string | undefined;
    if (req.headers.authorization !== 'Bearer tok') {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"bad token"}');
      return;
    }
    if (req.method === 'GET' && req.url === '/v1/info') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          version: '0.1.0',
          backend: 'cpu',
          device: null,
          limits: {},
          queue: { length: 0, running: 0 },
          executor: { state: 'ready' },
        }),
      );
      return;
    }
    if (req.method === 'DELETE') {
      lastDelete = req.url;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"id":"r1","cancelled":true,"was":"running"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-duet-frames' });
    res.write(encodeFrameBytes({ type: 'accepted', id: 'r1' }));
    res.write(encodeFrameBytes({ type: 'phase', phase: 'queued', id: 'r1', position: 2, of: 2 }));
    if (!queuedOnly)
      res.write(encodeFrameBytes({ type: 'phase', id: 'r1', phase: 'running', sample: 1, of: 2 }));
    const held = holdResult;
    void (held ?? Promise.resolve()).then(() => {
      if (held) res.write(encodeFrameBytes({ type: 'phase', id: 'r1', phase: 'downloading' }));
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
              upload: { ms: 0.1 },
              download: { ms: 0.1 },
              kernel: { samples: [0.5, 0.7] },
            },
            outputs: [{ name: 'y', slot: 0, bytes: outputBytes.byteLength }],
          },
          [outputBytes],
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function caller(daemons: string, token = 'tok', clientId = '') {
  process.env.DUET_DAEMONS = daemons;
  process.env.DUET_TOKEN = token;
  return appRouter.createCaller({ clientId });
}

type Api = ReturnType<typeof caller>;
type Update = Awaited<ReturnType<Api['runs']['submit']>> extends AsyncIterable<infer U> ? U : never;

/** Reads a runs.submit stream to its end: every update, and the result (the last one). */
async function submit(api: Api, input: Parameters<Api['runs']['submit']>[0]) {
  const updates: Update[] = [];
  for await (const u of await api.runs.submit(input)) updates.push(u);
  const result = updates.at(-1);
  if (result?.type !== 'result') throw new Error(`no result: ${JSON.stringify(updates)}`);
  return { ...result, updates };
}

/** The stored output "y", its chunks joined. */
function storedBytes(id: string): Uint8Array | undefined {
  const y = runStore().get(id)?.outputs.y;
  return y && new Uint8Array(Buffer.concat(y.chunks));
}

describe('runs.submit', () => {
  it('returns timings and output sizes, and stores the bytes for the binary route', async () => {
    const out = await submit(caller(url), { workload, daemon: 0 });
    expect(out.backend).toBe('cpu');
    expect(out.timings.kernel.count).toBe(2);
    // 16 bytes: small enough to come inline too, so the page needs no second request.
    expect(out.outputs).toEqual([
      { name: 'y', bytes: 16, inline: Buffer.from(outputBytes).toString('base64') },
    ]);
    expect(JSON.stringify(out.updates)).not.toContain('"0":1'); // no bytes in the JSON
    expect(storedBytes(out.id)).toEqual(outputBytes);
  });

  it('leaves outputs over 64 KiB in total to the binary route only', async () => {
    const small = outputBytes;
    outputBytes = new Uint8Array(INLINE_OUTPUT_BYTES + 4).fill(7);
    try {
      const out = await submit(caller(url), { workload, daemon: 0 });
      expect(out.outputs).toEqual([{ name: 'y', bytes: INLINE_OUTPUT_BYTES + 4 }]);
      expect(storedBytes(out.id)).toEqual(outputBytes);
    } finally {
      outputBytes = small;
    }
  });

  it("sends a run with daemon 'auto' to a reachable daemon, passing over a dead one", async () => {
    const out = await submit(caller(`http://127.0.0.1:9,${url}`), { workload, daemon: 'auto' });
    expect(out.daemon.index).toBe(1);
    expect(out.backend).toBe('cpu');
  });

  it('tells the daemon which browser asked, for its fair queue', async () => {
    await submit(caller(url, 'tok', '10.1.2.3'), { workload, daemon: 0 });
    expect(lastClientHeader).toBe('web:10.1.2.3');
    // The address scripts/web-server.mjs took from the connection; X-Forwarded-For is the client's word.
    expect(clientIdFromHeaders(new Headers({ 'x-duet-peer': '10.9.9.9' }), true)).toBe('10.9.9.9');
    expect(clientIdFromHeaders(new Headers({ 'x-forwarded-for': '10.9.9.9' }), true)).toBe('');
  });

  // QUIET_MS is a timer: on the real clock a loaded machine can take longer than it to answer even
  // a tiny run (seen under load: accepted, progress, progress, result). On a stopped clock (only
  // setTimeout faked; sockets run) the run's length against QUIET_MS is the test's to choose.
  it('streams a run that ends within QUIET_MS as its result alone', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const out = await submit(caller(url), { workload, daemon: 0 });
      expect(out.updates.map((u) => u.type)).toEqual(['result']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('streams a longer run’s id and latest progress after QUIET_MS, then each event as it comes', async () => {
    let release = () => {};
    holdResult = new Promise<void>((r) => {
      release = r;
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      vi.mocked(describeRunEvent).mockClear();
      const stream = (await caller(url).runs.submit({ workload, daemon: 0 }))[Symbol.asyncIterator]();
      let first: IteratorResult<unknown> | undefined;
      const next = stream.next().then((r) => {
        first = r;
        return r;
      });
      // The stand-in has sent accepted, queued and running; wait until runs.submit has taken in all.
      const described = () =>
        vi.mocked(describeRunEvent).mock.calls.map(([e]) => e.type === 'phase' && e.phase);
      await settle(() => described().includes('running'));
      vi.advanceTimersByTime(QUIET_MS - 1);
      for (let i = 0; i < 100; i++) await new Promise((r) => setImmediate(r)); // let a wrong early flush through
      expect(first).toBeUndefined(); // held back for all of QUIET_MS
      vi.advanceTimersByTime(1);
      expect((await next).value).toEqual({ type: 'accepted', run: { daemon: 0, id: 'r1' } });
      // The queue place came first but the run has moved on: only its latest state is sent.
      expect((await stream.next()).value).toEqual({ type: 'progress', text: 'running sample 1/2' });
      release();
      expect((await stream.next()).value).toEqual({ type: 'progress', text: 'reading back' });
      expect((await stream.next()).value).toMatchObject({ type: 'result', daemonRunId: 'r1' });
      expect((await stream.next()).done).toBe(true);
    } finally {
      vi.useRealTimers();
      holdResult = null;
      release();
    }
  });

  it('says the queue place while a run waits', async () => {
    let release = () => {};
    holdResult = new Promise<void>((r) => {
      release = r;
    });
    queuedOnly = true;
    try {
      const stream = (await caller(url).runs.submit({ workload, daemon: 0 }))[Symbol.asyncIterator]();
      await stream.next();
      expect((await stream.next()).value).toEqual({
        type: 'progress',
        text: 'queued as 2nd (of 2)',
        queuePosition: 2,
      });
      release();
      for (;;) if ((await stream.next()).done) break;
    } finally {
      holdResult = null;
      queuedOnly = false;
      release();
    }
  });

  it('rejects an invalid workload with field paths before contacting a daemon', async () => {
    const bad = { ...workload, dispatch: [0, 1, 1] };
    const e = await submit(caller('http://127.0.0.1:9'), { workload: bad, daemon: 0 }).catch((x) => x);
    expect(e).toBeInstanceOf(TRPCError);
    expect((e as TRPCError).code).toBe('BAD_REQUEST');
    expect(errorDetailsOf((e as TRPCError).cause)?.issues?.map((i) => i.path)).toContain('dispatch[0]');
  });

  it('maps an unreachable daemon to a typed error that says how to start one', async () => {
    const e = (await submit(caller('http://127.0.0.1:9'), { workload, daemon: 0 }).catch(
      (x) => x,
    )) as TRPCError;
    expect(e.code).toBe('SERVICE_UNAVAILABLE');
    expect(errorDetailsOf(e.cause)?.hint).toContain('npx duet daemon');
  });

  it('maps a refused token to UNAUTHORIZED', async () => {
    const e = (await submit(caller(url, 'wrong'), { workload, daemon: 0 }).catch((x) => x)) as TRPCError;
    expect(e.code).toBe('UNAUTHORIZED');
  });

  it('refuses a daemon index that is not configured', async () => {
    const e = (await submit(caller(url), { workload, daemon: 5 }).catch((x) => x)) as TRPCError;
    expect(e.code).toBe('NOT_FOUND');
  });
});

describe('runs.cancel', () => {
  it('cancels a daemon run by the id runs.submit streamed first', async () => {
    // A daemon's run ids are `r_` + base64url (daemon/run-service.ts newRunId).
    expect(await caller(url).runs.cancel({ daemon: 0, id: 'r_AbC-12_xyz' })).toEqual({
      cancelled: true,
      reason: 'cancelled',
    });
    expect(lastDelete).toBe('/v1/runs/r_AbC-12_xyz');
  });

  it('says so when the daemon is not configured', async () => {
    expect(await caller(url).runs.cancel({ daemon: 7, id: 'r1' })).toEqual({
      cancelled: false,
      reason: 'no daemon',
    });
  });
});

describe('daemons.list', () => {
  it('marks a dead daemon unreachable with how to start it', async () => {
    const list = await caller('http://127.0.0.1:9').daemons.list();
    expect(list[0]?.state).toBe('unreachable');
    if (list[0]?.state === 'unreachable') expect(list[0].hint).toContain('npx duet daemon');
  });
});
