/** Small HTTP helpers: JSON replies, a size-capped body reader and the body's JSON. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

/** Reads the request body as text, refusing (413) more than `maxBytes` before buffering it all. */
export async function readBodyText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  const tooBig = (value: number) =>
    new BodyError(413, {
      error: 'limit',
      limit: 'maxRequestBytes',
      value,
      max: maxBytes,
      path: '(body)',
      message: `the request body is ${value} bytes, more than this daemon's maxRequestBytes of ${maxBytes}`,
    });
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw tooBig(declared);
  }
  const chunks: Buffer[] = await new Promise<Buffer[]>((resolve, reject) => {
    // Stream events rather than `for await`: the async iterator costs a few promise turns per
    // request, and a tiny run's whole daemon time is about a millisecond.
    const got: Buffer[] = [];
    let total = 0;
    const done = (e?: Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (e) reject(e);
      else resolve(got);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        req.resume();
        done(tooBig(total));
        return;
      }
      got.push(chunk);
    };
    const onEnd = () => done();
    // The caller went away mid-body (truncated upload): a caller's problem, not the daemon's.
    const cutOff = (why: string) => {
      const message = `invalid workload: (body): the request body was cut off after ${total} bytes (${why})`;
      done(new BodyError(400, { error: 'invalid', message, issues: [{ path: '(body)', message }] }));
    };
    const onError = (e: Error) => cutOff(e.message);
    const onClose = () => {
      if (!req.complete) cutOff('the connection closed');
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
  return Buffer.concat(chunks).toString('utf8');
}

/** A request body's JSON, or a 400 that says why it is not JSON. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = `invalid workload: (body): not JSON: ${(e as Error).message}`;
    throw new BodyError(400, {
      error: 'invalid',
      message,
      issues: [{ path: '(body)', message: `not JSON: ${(e as Error).message}` }],
    });
  }
}
