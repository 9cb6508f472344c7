/**
 * The tRPC endpoint (./endpoint.ts) served straight from scripts/web-server.mjs's node:http server,
 * before Next's request handler. A tiny run's answer then skips Next's per-request dispatch (routing,
 * header rules, the web-stream-to-node pipe, gzip): on the 2-core VM about 2.4 ms of CPU per request,
 * more than the daemon's whole round trip. Only what Next would hand the `[trpc]` route's GET and POST
 * takes this path; HEAD, OPTIONS and every other URL still go to Next, which answers them as before.
 * The response carries the headers Next's config gives every response (next.config.mjs) and no
 * compression: a run's JSON lines are small, and each line must leave soon after it is written.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { readBodyLimited } from './body-limit';
import { answerTrpc, TRPC_ENDPOINT } from './endpoint';
import { JSONL_HEADERS, nodeHeaders, pageSubmitInput, submitLines } from './node-submit';

/**
 * `/api/trpc/` and one segment of procedure names (`runs.submit`, a batch `a.b,c.d`), then the query:
 * a URL Next routes to the `[trpc]` route as it stands. A percent-escape or a second segment is left
 * to Next (its normalisation, its 404 and 308 answers).
 */
const TRPC_URL = new RegExp(`^${TRPC_ENDPOINT}/[A-Za-z0-9_.,-]+(?:\\?|$)`);

export function isTrpcRequest(req: IncomingMessage): boolean {
  return (req.method === 'GET' || req.method === 'POST') && TRPC_URL.test(req.url ?? '');
}

export interface Header {
  key: string;
  value: string;
}

/**
 * How long the start of an answer is held so that it leaves with what follows (one write and one
 * wake-up of the browser instead of two or more). tRPC's JSON-lines answer opens with a head line
 * that carries no data, only placeholders for what follows: a tiny run's whole answer (headers, head,
 * result) then leaves in one write. A longer call's head leaves after this window, and every line
 * after it as it is written (`runs.submit`'s own first update comes QUIET_MS, 100 ms, after it
 * starts: server/routers/runs.ts).
 */
export const HOLD_MS = 20;

/**
 * Answers `req` with the tRPC endpoint. The body is read off the request's stream under the bound
 * (./body-limit.ts) and handed to tRPC as text (the node-http adapter's `req.body`), not copied
 * through web streams twice. The request's signal aborts when the browser goes away before the
 * answer ends (a cancelled run: the daemon run is cancelled with it); a streamed answer's lines are
 * written as they come, after HOLD_MS.
 */
export async function serveTrpc(
  req: IncomingMessage,
  res: ServerResponse,
  headers: readonly Header[],
  opts: { holdMs?: number } = {},
): Promise<void> {
  for (const { key, value } of headers) res.setHeader(key, value);
  const holdMs = opts.holdMs ?? HOLD_MS;
  if (req.method === 'POST') {
    const body = await readBodyLimited(req);
    // The browser went away mid-body: nobody to answer.
    if (body === null) return;
    if (body instanceof Response) {
      // The rest of the body stays unread: the connection closes after the refusal.
      res.shouldKeepAlive = false;
      return writeResponse(res, body, holdMs);
    }
    // The page's streamed run: answered here, tRPC's answer without its fetch adapter (./node-submit.ts).
    const submit = pageSubmitInput(req, body);
    if (submit) return answerSubmit(req, res, submit.input, holdMs);
    (req as IncomingMessage & { body?: string }).body = body;
  }
  let request: Request;
  try {
    request = incomingMessageToRequest(req, res, { maxBodySize: null });
  } catch {
    // Only a Host header that makes no URL gets here (node:http has parsed the rest).
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`bad request: no URL can be made from Host ${JSON.stringify(req.headers.host)} and ${req.url}\n`);
    return;
  }
  return writeResponse(res, await answerTrpc(request), holdMs);
}

/** What an answer's body is read from: a web stream's reader, or the lines of ./node-submit.ts. */
interface BodySource {
  read(): Promise<{ done?: boolean | undefined; value?: Uint8Array | string | undefined }>;
  /** The browser went away: stop producing (the run behind it is cancelled). */
  cancel(): void;
}

/** Writes a fetch Response to `res`: its status, headers and body, the body's start held `holdMs`. */
async function writeResponse(res: ServerResponse, response: Response, holdMs: number): Promise<void> {
  res.statusCode = response.status;
  for (const [key, value] of response.headers) if (key !== 'set-cookie') res.setHeader(key, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  return writeBody(res, { read: () => reader.read(), cancel: () => reader.cancel().catch(() => {}) }, holdMs);
}

/** Answers the page's `runs.submit` with ./node-submit.ts's lines; the run stops if the browser goes. */
function answerSubmit(req: IncomingMessage, res: ServerResponse, input: unknown, holdMs: number) {
  res.statusCode = 200;
  for (const [key, value] of Object.entries(JSONL_HEADERS)) res.setHeader(key, value);
  const abort = new AbortController();
  const lines = submitLines(nodeHeaders(req), input, abort.signal);
  const cancel = () => {
    abort.abort();
    lines.return(undefined).catch(() => {});
  };
  const read = () => lines.next().then((step) => (step.done ? { done: true } : step));
  return writeBody(res, { read, cancel }, holdMs);
}

/** Writes `body` to `res` as it comes, its start held `holdMs` so that a short answer leaves in one write. */
async function writeBody(res: ServerResponse, body: BodySource, holdMs: number): Promise<void> {
  const gone = () => {
    if (!res.writableFinished) body.cancel();
  };
  res.once('close', gone);
  // end() uncorks fully (node:http), so an answer that ends within the window leaves in one write.
  res.cork();
  let held: NodeJS.Timeout | undefined = setTimeout(() => release(), holdMs);
  const release = () => {
    if (!held) return;
    clearTimeout(held);
    held = undefined;
    if (!res.writableEnded) res.uncork();
  };
  try {
    for (;;) {
      const { done, value } = await body.read();
      if (done || res.destroyed) break;
      if (value === undefined) continue;
      if (!res.write(value)) {
        // A large answer: no holding it back ('drain' only comes once the socket is uncorked).
        release();
        await drained(res);
      }
    }
  } catch (e) {
    // A browser that went away mid-answer cancelled the body: nothing is left to answer.
    if (!res.destroyed) throw e;
  } finally {
    res.off('close', gone);
    clearTimeout(held);
  }
  if (!res.destroyed) res.end();
}

/** Resolves when `res` can take more, or is closed (then the loop above stops). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
