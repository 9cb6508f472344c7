/** The tRPC route's body bound (body-limit.ts): declared and streamed bodies over it get a 413. */
import { createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { limitBody, MAX_TRPC_BODY_BYTES, readBodyLimited } from './body-limit';

const url = 'http://localhost/api/trpc/runs.submit';

function streamOf(parts: number[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const n of parts) c.enqueue(new Uint8Array(n).fill(65));
      c.close();
    },
  });
}

describe('tRPC request body bound', () => {
  it('refuses a declared Content-Length over the bound before reading, in tRPC’s error shape', async () => {
    const req = new Request(url, {
      method: 'POST',
      headers: { 'content-length': String(MAX_TRPC_BODY_BYTES + 1) },
      body: streamOf([1]),
      duplex: 'half',
    } as RequestInit);
    const res = (await limitBody(req)) as Response;
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { message: string; data: { httpStatus: number } } };
    expect(body.error.data.httpStatus).toBe(413);
    expect(body.error.message).toMatch(/takes at most \d+ bytes per request/);
  });

  it('counts a streamed body as it arrives and stops at the bound', async () => {
    const over = new Request(url, { method: 'POST', body: streamOf([6, 6]), duplex: 'half' } as RequestInit);
    const res = await limitBody(over, 10);
    expect((res as Response).status).toBe(413);
    const under = new Request(url, {
      method: 'POST',
      headers: { 'x-duet-peer': '10.0.0.1' },
      body: streamOf([4, 6]),
      duplex: 'half',
    } as RequestInit);
    const kept = (await limitBody(under, 10)) as Request;
    expect(kept).toBeInstanceOf(Request);
    expect(await kept.text()).toBe('A'.repeat(10));
    expect(kept.headers.get('x-duet-peer')).toBe('10.0.0.1');
  });

  it('passes bodiless requests through untouched', async () => {
    const get = new Request(`${url}?input=%7B%7D`);
    expect(await limitBody(get)).toBe(get);
  });

  it('on node:http: reads a body under the bound as text, refuses a streamed one over it', async () => {
    const seen: (string | number | null)[] = [];
    const server = createServer(async (req: IncomingMessage, res) => {
      const body = await readBodyLimited(req, 10);
      seen.push(body instanceof Response ? body.status : body);
      if (body === null) return;
      res.shouldKeepAlive = false;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    // Chunked (no Content-Length): counted as it arrives, in pieces.
    const send = (parts: string[]) =>
      new Promise<void>((resolve) => {
        const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/' }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', () => resolve());
        for (const p of parts) req.write(p);
        req.end();
      });
    await send(['{"0":', '{}}']);
    await send(['0123456', '789ab']);
    // A browser that goes away mid-body: null, nobody to answer.
    const arrived = new Promise<IncomingMessage>((resolve) => server.once('request', resolve));
    const cut = request({ port, host: '127.0.0.1', method: 'POST', path: '/' });
    cut.on('error', () => {});
    cut.write('{"0":');
    const req = await arrived;
    const gone = new Promise((resolve) => req.once('close', resolve));
    cut.destroy();
    await gone;
    await new Promise((r) => setImmediate(r));
    server.close();
    expect(seen).toEqual(['{"0":{}}', 413, null]);
  });
});
