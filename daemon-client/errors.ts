/**
 * Every way a daemon call fails, as a DaemonError a person can act on: a transport failure
 * (unreachable), a non-2xx reply (contracts §7's status codes) and a run's error frame (§5).
 */
import type { IncomingMessage } from 'node:http';
import type { Diagnostic } from '../core/diagnostics';
import type { FrameHeader } from '../core/frame';
import type { WorkloadIssue } from '../core/workload';
import { DaemonError } from './daemon-error';
import { header, NO_ANSWER_MS, readText, TransportError } from './http-request';
import { type DaemonTarget, endpoint } from './target';

function startHint(url: string): string {
  return `start one with \`npx duet daemon\` (or \`npm start\`), or check the URL ${url}`;
}

/** A transport failure as the caller can act on it: what went wrong, and what to do about it. */
export function unreachable(t: DaemonTarget, e: unknown): DaemonError {
  const code = e instanceof TransportError ? e.code : (e as Error).message;
  // A paired daemon's tunnel says in words why it is closed (server/pairing/).
  if (t.agent) return new DaemonError('unreachable', `cannot reach ${t.url}: ${(e as Error).message}`);
  if (code === 'EINVALIDURL') {
    const bare = /^[\w.-]+:\d+$/.test(t.url) || /^\[[0-9a-f:]+\]:\d+$/i.test(t.url);
    return new DaemonError('unreachable', `"${t.url}" is not a daemon URL`, {
      hint: bare ? `give the scheme too: http://${t.url}` : 'a daemon URL looks like http://127.0.0.1:7070',
    });
  }
  if (code === 'ENOANSWER') {
    return new DaemonError(
      'unreachable',
      `the server at ${t.url} accepted the connection but sent no answer within ${(t.noAnswerMs ?? NO_ANSWER_MS) / 1000} s: the daemon may be stopped (Ctrl-Z, a debugger) or stuck, or this is not a Duet daemon`,
      {
        hint: `check the terminal running \`npx duet daemon\` for ${t.url}; restart it if it does not respond`,
      },
    );
  }
  // OpenSSL's codes for a TLS handshake that met plain HTTP (or another protocol).
  if (t.url.startsWith('https:') && /EPROTO|SSL|TLS/i.test(code)) {
    return new DaemonError(
      'unreachable',
      `cannot reach the Duet daemon at ${t.url}: the TLS handshake failed (${code})`,
      {
        hint: `a daemon started without --tls-cert serves plain HTTP: try ${t.url.replace(/^https:/, 'http:')}`,
      },
    );
  }
  return new DaemonError('unreachable', `cannot reach the Duet daemon at ${t.url} (${code})`, {
    hint: startHint(t.url),
  });
}

/** Turns a non-2xx JSON reply into the matching DaemonError. */
export async function errorFromResponse(t: DaemonTarget, res: IncomingMessage): Promise<DaemonError> {
  // A body that breaks off leaves the status alone to go on.
  const text = await readText(res).catch(() => '');
  return errorFromReply(t, { status: res.statusCode ?? 0, header: (n) => header(res, n), text });
}

/** A non-2xx reply as its status, header fields and body text: the matching DaemonError. */
export function errorFromReply(
  t: DaemonTarget,
  reply: { status: number; header(name: string): string | undefined; text: string },
): DaemonError {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(reply.text) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page, say), or the body broke off: the status alone has to do.
  }
  const status = reply.status;
  const message = typeof body.message === 'string' ? body.message : `the daemon answered HTTP ${status}`;
  const retry = Number(reply.header('retry-after'));
  const retryAfterS = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  const limit =
    typeof body.limit === 'string'
      ? { name: body.limit, value: Number(body.value), max: Number(body.max) }
      : undefined;
  switch (status) {
    case 401:
      return new DaemonError('unauthorized', `the Duet daemon at ${t.url} refused the token: ${message}`, {
        status,
        hint: 'use the token the daemon printed when it started (--token or DUET_TOKEN)',
      });
    case 400:
      return new DaemonError('invalid', message, {
        status,
        issues: body.issues as WorkloadIssue[] | undefined,
      });
    case 413:
      return new DaemonError('limit', message, { status, limit });
    case 422:
      return new DaemonError('translate', message, {
        status,
        diagnostics: body.diagnostics as Diagnostic[] | undefined,
      });
    case 429:
      return new DaemonError(body.error === 'busy' ? 'busy' : 'limit', message, {
        status,
        limit,
        retryAfterS,
      });
    case 503:
      return new DaemonError('run', message, {
        status,
        retryAfterS,
        hint: `see GET ${endpoint(t, '/v1/info')} and the daemon's log`,
      });
    default:
      return new DaemonError(status >= 500 ? 'run' : 'protocol', message, { status });
  }
}

export function errorFromFrame(h: FrameHeader): DaemonError {
  const code = String(h.code ?? 'run');
  const message = String(h.message ?? 'the run failed');
  const extra: Partial<DaemonError> = { code };
  if (typeof h.log === 'string') extra.log = h.log;
  if (code === 'cancelled' || code === 'aborted') return new DaemonError('cancelled', message, extra);
  if (code === 'time-limit') {
    return new DaemonError('timeout', message, {
      ...extra,
      hint: "the daemon's maxRunMs stopped it (GET /v1/info shows the limits; `duet daemon --config limits.json` raises it); or the kernel never ends",
    });
  }
  if (code === 'busy') return new DaemonError('busy', message, extra);
  if (code === 'sandbox') {
    return new DaemonError('run', message, {
      ...extra,
      hint: 'WGSL cannot make system calls: a kernel that reached one escaped the translator and the runtime bounds (a Duet bug worth reporting, with the WGSL); the executor was replaced and the next run goes ahead',
    });
  }
  return new DaemonError('run', message, extra);
}
