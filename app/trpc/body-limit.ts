/**
 * A bound on the body of one tRPC request. Anyone on the workshop network reaches the web server
 * without a token, and tRPC's fetch adapter reads a whole body into memory before it looks at it;
 * without a bound one request could make the server hold gigabytes. The bound matches what the
 * largest useful request carries: a workload at the daemon's default `maxRequestBytes` (64 MiB),
 * plus room for tRPC's envelope.
 */
import type { IncomingMessage } from 'node:http';

export const MAX_TRPC_BODY_BYTES = 65 * 1024 * 1024;

/** The refusal: a 413 in tRPC's error shape. */
export function tooLarge(what: string): Response {
  const message = `the request body ${what}; the web server takes at most ${MAX_TRPC_BODY_BYTES} bytes per request`;
  // tRPC's error shape, so the page's client reports it like any other refused call.
  return Response.json(
    { error: { message, code: -32600, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } } },
    { status: 413 },
  );
}

/**
 * `req` with its body read under the bound, or a 413 answer. A declared Content-Length over the
 * bound is refused before reading; a chunked body is counted as it arrives and cut off at the bound.
 */
export async function limitBody(req: Request, max = MAX_TRPC_BODY_BYTES): Promise<Request | Response> {
  if (!req.body) return req;
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) return tooLarge(`is ${declared} bytes`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return tooLarge(`is over ${max} bytes`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
}

/**
 * The same bound on a node:http request (./node-endpoint.ts): its body as text, read straight off
 * the request's stream (no web stream, no second Request to copy it into), or the 413, or null
 * when the browser went away before the body ended (nobody is left to answer). Past the bound the
 * rest is left unread; the answer closes the connection (./node-endpoint.ts), so nothing more is
 * read from it.
 */
export function readBodyLimited(
  req: IncomingMessage,
  max = MAX_TRPC_BODY_BYTES,
): Promise<string | Response | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve(tooLarge(`is ${declared} bytes`));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = (result: string | Response | null) => {
      req.off('data', data);
      req.off('end', end);
      req.off('error', cutOff);
      req.off('close', closed);
      resolve(result);
    };
    const data = (c: Buffer) => {
      total += c.byteLength;
      if (total <= max) {
        chunks.push(c);
        return;
      }
      req.pause();
      settle(tooLarge(`is over ${max} bytes`));
    };
    const end = () =>
      settle(
        chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, total).toString('utf8'),
      );
    const cutOff = () => settle(null);
    const closed = () => {
      if (!req.complete) settle(null);
    };
    req.on('data', data);
    req.on('end', end);
    req.on('error', cutOff);
    req.on('close', closed);
  });
}
