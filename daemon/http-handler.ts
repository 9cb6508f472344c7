/**
 * The daemon's HTTP surface (contracts §5): bearer auth on every request, its routes, and a
 * catch-all so that no request, however malformed, can take the daemon down.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_ID_HEADER, FRAMES_CONTENT_TYPE, RUN_ID_HEADER } from '../core/protocol';
import type { ParseResult } from '../core/workload';
import { ResponseFrameSink } from './frame-sink';
import { BodyError, readBodyText, sendJson } from './http-util';
import { ParsedWorkloads } from './parsed-workloads';
import type { RunService } from './run-service';

export interface HandlerDeps {
  checkAuthorization(header: string | undefined): boolean;
  service: RunService;
  info(): unknown;
  /** GET /v1/health: the executor runs a real tiny kernel (Supervisor.health). */
  health(): Promise<{ ok: boolean }>;
  /** GET /metrics: Prometheus text (daemon/metrics.ts). */
  metrics(): Promise<{ contentType: string; body: string }>;
  maxRequestBytes: number;
  log?: (line: string) => void;
}

const MAX_CLIENT_ID = 128;

/** The last Authorization header seen and its short hash: callers share the daemon's one token. */
let lastAuth: { header: string; hash: string } | undefined;

/** Who the fair queue and the rate limiter see: the caller's own id, else its token and address. */
export function clientIdOf(req: IncomingMessage): string {
  const given = req.headers[CLIENT_ID_HEADER.toLowerCase()];
  if (typeof given === 'string' && given.trim()) return `id:${given.trim().slice(0, MAX_CLIENT_ID)}`;
  const header = req.headers.authorization ?? '';
  if (lastAuth?.header !== header)
    lastAuth = { header, hash: createHash('sha256').update(header).digest('hex').slice(0, 12) };
  return `addr:${lastAuth.hash}@${req.socket.remoteAddress ?? 'unknown'}`;
}

export function createRequestHandler(d: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const workloads = new ParsedWorkloads();
  return (req, res) => {
    handle(d, workloads, req, res).catch((e: unknown) => {
      d.log?.(`request ${req.method} ${req.url} failed: ${(e as Error)?.stack ?? String(e)}`);
      try {
        if (!res.headersSent)
          sendJson(res, 500, {
            error: 'internal',
            message: `the daemon failed: ${(e as Error)?.message ?? e}`,
          });
        else res.destroy();
      } catch {
        // The socket is already gone.
      }
    });
  };
}

async function handle(
  d: HandlerDeps,
  workloads: ParsedWorkloads,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const receivedAt = performance.now();
  if (!d.checkAuthorization(req.headers.authorization)) {
    req.resume();
    sendJson(
      res,
      401,
      {
        error: 'unauthorized',
        message:
          'missing or wrong token: send "Authorization: Bearer <token>" with the token the daemon printed',
      },
      { 'WWW-Authenticate': 'Bearer realm="duet"' },
    );
    return;
  }
  const path = (req.url ?? '/').split('?')[0]!;
  if (path === '/v1/info') {
    if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
    sendJson(res, 200, d.info());
    return;
  }
  if (path === '/v1/health') {
    if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
    d.health().then(
      (h) => sendJson(res, h.ok ? 200 : 503, h),
      (e: Error) => sendJson(res, 503, { ok: false, message: e.message }),
    );
    return;
  }
  if (path === '/metrics') {
    if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
    const m = await d.metrics();
    res.writeHead(200, { 'Content-Type': m.contentType, 'Cache-Control': 'no-store' }).end(m.body);
    return;
  }
  if (path === '/v1/runs') {
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
    return postRun(d, workloads, req, res, receivedAt);
  }
  const m = /^\/v1\/runs\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (m) {
    if (req.method !== 'DELETE') return methodNotAllowed(res, 'DELETE');
    const state = d.service.cancel(m[1]!);
    if (!state)
      sendJson(res, 404, { error: 'not-found', message: `no queued or running run with id ${m[1]}` });
    else sendJson(res, 200, { id: m[1], cancelled: true, was: state });
    return;
  }
  req.resume();
  sendJson(res, 404, {
    error: 'not-found',
    message: `no route ${req.method} ${path}; see GET /v1/info, GET /v1/health, GET /metrics, POST /v1/runs, DELETE /v1/runs/:id`,
  });
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendJson(res, 405, { error: 'method', message: `use ${allow} here` }, { Allow: allow });
}

async function postRun(
  d: HandlerDeps,
  workloads: ParsedWorkloads,
  req: IncomingMessage,
  res: ServerResponse,
  receivedAt: number,
): Promise<void> {
  let parsed: ParseResult;
  try {
    parsed = workloads.parse(await readBodyText(req, d.maxRequestBytes));
  } catch (e) {
    if (e instanceof BodyError) return sendJson(res, e.status, e.body);
    throw e;
  }
  const admitted = await d.service.admitParsed(parsed, clientIdOf(req), receivedAt);
  if (!admitted.ok) {
    const r = admitted.rejection;
    sendJson(res, r.status, r.body, r.headers);
    return;
  }
  res.writeHead(200, {
    'Content-Type': FRAMES_CONTENT_TYPE,
    'Cache-Control': 'no-store',
    [RUN_ID_HEADER]: admitted.run.id,
    // Tell proxies not to buffer: queue positions and phases are only useful as they happen.
    'X-Accel-Buffering': 'no',
  });
  // No flushHeaders(): the headers leave with the first frames (ResponseFrameSink batches them).
  await d.service.execute(admitted.run, new ResponseFrameSink(res));
}
