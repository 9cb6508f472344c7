/**
 * The in-place read of a run's answer (direct-response.ts) and submitRun's use of it for large
 * outputs: against node:http servers (chunked bodies cut anywhere) and raw sockets (Content-Length,
 * close-delimited, chunk extensions and trailers, broken framing).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Server as NetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrameBytes, type FrameHeader } from '../core/frame';
import { FRAMES_CONTENT_TYPE } from '../core/protocol';
import { type BodySink, DirectResponse } from './direct-response';
import { DIRECT_MIN_BYTES, submitRun } from './submit';

const servers: (Server | NetServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen<S extends Server | NetServer>(s: S): Promise<string> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

/** A raw server that answers every connection with `answer`, `gapMs` between parts, then closes. */
function raw(answer: (Buffer | string)[], gapMs = 0): Promise<string> {
  return listen(
    createNetServer((c) => {
      c.once('data', async () => {
        for (const part of answer) {
          c.write(part);
          if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
        }
        c.end();
      });
    }),
  );
}

/** A sink that keeps everything: in place into one array of `size` bytes when `size` > 0. */
function collect(size = 0) {
  const into = new Uint8Array(size);
  let at = 0;
  const copied: Uint8Array[] = [];
  let done!: (e?: Error) => void;
  const ended = new Promise<Error | undefined>((r) => {
    done = r;
  });
  const sink: BodySink = {
    target: () => (at < size ? into.subarray(at) : null),
    filled: (n) => {
      at += n;
    },
    bytes: (b) => copied.push(b),
    end: (e) => done(e),
  };
  return { sink, ended, inPlace: () => at, into, copied: () => Buffer.concat(copied) };
}

const open = (url: string) =>
  DirectResponse.open(new URL(`${url}/x`), { method: 'POST', path: '/x', headers: {}, noAnswerMs: 5000 });

describe('DirectResponse', () => {
  it('reads a chunked body with extensions and trailers, body bytes in place', async () => {
    const url = await raw([
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\nX-A: 2\r\n\r\n',
      '5;ext=1\r\nhello\r\n',
      '6\r\n world\r\n0\r\nTrailer: x\r\n\r\n',
    ]);
    const r = await open(url);
    expect(r.statusCode).toBe(200);
    expect(r.header('x-a')).toBe('1, 2');
    const c = collect(11);
    r.stream(c.sink);
    expect(await c.ended).toBeUndefined();
    expect(r.complete).toBe(true);
    // Whatever arrived with the header fields came as copies, the rest was written in place.
    expect(Buffer.concat([c.copied(), c.into.subarray(0, c.inPlace())]).toString()).toContain('hello');
    expect(c.copied().byteLength + c.inPlace()).toBe(11);
  });

  it('reads a Content-Length body and one that runs to the connection end', async () => {
    const a = await open(await raw(['HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc']));
    expect(await a.text()).toBe('abc');
    const b = await open(await raw(['HTTP/1.0 200 OK\r\n\r\nto ', 'the end']));
    expect(await b.text()).toBe('to the end');
  });

  it('reports a body cut off, and chunk framing that is not HTTP', async () => {
    const cut = await open(await raw(['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc']));
    const c = collect();
    cut.stream(c.sink);
    expect((await c.ended)?.message).toMatch(/ended early/);
    const bad = await open(
      await raw(['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', 'zz\r\n'], 50),
    );
    const d = collect();
    bad.stream(d.sink);
    expect((await d.ended)?.message).toMatch(/bad chunk size "zz"/);
  });

  it('refuses a header value that would start a header of its own', async () => {
    const url = await raw(['HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n']);
    await expect(
      DirectResponse.open(new URL(`${url}/x`), {
        method: 'POST',
        path: '/x',
        headers: { Authorization: 'Bearer t\r\nX-Evil: 1' },
        noAnswerMs: 5000,
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_CHAR' });
  });

  it('refuses an answer that is not HTTP, and says when nobody listens', async () => {
    await expect(open(await raw(['SSH-2.0-OpenSSH\r\n\r\n']))).rejects.toMatchObject({ code: 'EPROTO' });
    const gone = await listen(createNetServer());
    await new Promise((r) => servers.pop()!.close(r));
    await expect(open(gone)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

/** A daemon stand-in: answers POST /v1/runs with `frames`, written in pieces of `piece` bytes. */
async function daemon(frames: Uint8Array, piece: number, seen: IncomingMessage[] = []) {
  return listen(
    createServer((req, res) => {
      seen.push(req);
      req.resume();
      res.writeHead(200, { 'Content-Type': FRAMES_CONTENT_TYPE });
      for (let at = 0; at < frames.byteLength; at += piece) res.write(frames.subarray(at, at + piece));
      res.end();
    }),
  );
}

function result(outputs: { name: string; bytes: number }[]): FrameHeader {
  return {
    type: 'result',
    id: 'r',
    backend: 'cpu',
    device: { name: 'cpu' },
    translate: { ms: 0, cacheHit: true },
    queueMs: 0,
    daemonMs: 0,
    timings: { kernel: { samples: [1] } },
    outputs: outputs.map((o, i) => ({ ...o, slot: i })),
  };
}

const big = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);
const declaring = (bytes: number) =>
  ({
    name: 'w',
    bindings: [{ name: 'out', kind: 'storage', element: 'u32', length: bytes / 4, output: true }],
  }) as never;

describe('submitRun reads a large output in place', () => {
  it.each([7, 4096, 65_536, 1 << 20])(
    'gives every byte back, the stream cut every %i bytes',
    async (piece) => {
      const a = big(DIRECT_MIN_BYTES + 12, 1);
      const b = big(5, 2);
      const stream = Buffer.concat([
        encodeFrameBytes({ type: 'accepted', id: 'r' }),
        encodeFrameBytes(
          result([
            { name: 'a', bytes: a.byteLength },
            { name: 'empty', bytes: 0 },
            { name: 'b', bytes: 5 },
          ]),
          [a, new Uint8Array(0), b],
        ),
      ]);
      const seen: IncomingMessage[] = [];
      const url = await daemon(stream, piece, seen);
      const r = await submitRun({ url, token: 't' }, declaring(a.byteLength));
      expect(Buffer.compare(r.outputs.a!, a)).toBe(0);
      expect(r.outputs.empty).toEqual(new Uint8Array(0));
      expect(Array.from(r.outputs.b!)).toEqual(Array.from(b));
      // The in-place path asks for a connection of its own; node's agent would keep it alive.
      expect(seen[0]!.headers.connection).toBe('close');
    },
  );

  it('keeps small runs on node:http (pooled connections)', async () => {
    const seen: IncomingMessage[] = [];
    const url = await daemon(encodeFrameBytes(result([])), 1 << 16, seen);
    await submitRun({ url, token: 't' }, declaring(4096));
    expect(seen[0]!.headers.connection).toBe('keep-alive');
  });

  it('turns an error answer into the DaemonError node:http would give', async () => {
    const url = await listen(
      createServer((req, res) => {
        req.resume();
        res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '7' });
        res.end(JSON.stringify({ error: 'busy', message: 'the queue is full' }));
      }),
    );
    await expect(submitRun({ url, token: 't' }, declaring(DIRECT_MIN_BYTES))).rejects.toMatchObject({
      kind: 'busy',
      retryAfterS: 7,
      message: 'the queue is full',
    });
  });

  it('says where a stream cut off inside an output stopped', async () => {
    const a = big(DIRECT_MIN_BYTES, 3);
    const whole = encodeFrameBytes(result([{ name: 'a', bytes: a.byteLength }]), [a]);
    const url = await listen(
      createServer((req, res) => {
        req.resume();
        res.writeHead(200, { 'Content-Type': FRAMES_CONTENT_TYPE });
        res.write(whole.subarray(0, 300_000), () => res.socket?.destroy());
      }),
    );
    await expect(submitRun({ url, token: 't' }, declaring(a.byteLength))).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/stopped part-way through a frame \(\d+ bytes of it had arrived\)/),
    });
  });
});
