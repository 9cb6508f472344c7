/**
 * Maps the daemon client's DaemonError (docs/contracts.md §7) to a typed TRPCError whose message says
 * what went wrong and how to fix it. The structured details travel in the error shape (server/trpc.ts).
 */
import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';
import { DaemonError } from '#daemon-client';
import type { PositionedMessage } from '../core/diagnostics';
import type { ConfiguredDaemon } from './daemon-config';
import { howToReach, PAIRED_RECONNECT } from './daemon-config';
import { DetailedError, type ErrorDetails, type IssueDetail } from './error-details';

/**
 * Never TIMEOUT (HTTP 408) for a run past its time limit: a browser that gets a 408 on a kept-alive
 * connection sends the same POST again by itself (Chromium does, unseen by the page), so each 408
 * re-ran the endless kernel, and the page waited several time limits or, answer after answer, for good.
 * The run was received and judged: 422, as for a run that failed.
 */
const CODE_BY_KIND: Record<DaemonError['kind'], TRPC_ERROR_CODE_KEY> = {
  unreachable: 'SERVICE_UNAVAILABLE',
  unauthorized: 'UNAUTHORIZED',
  invalid: 'BAD_REQUEST',
  limit: 'PAYLOAD_TOO_LARGE',
  translate: 'UNPROCESSABLE_CONTENT',
  busy: 'TOO_MANY_REQUESTS',
  timeout: 'UNPROCESSABLE_CONTENT',
  cancelled: 'CLIENT_CLOSED_REQUEST',
  run: 'UNPROCESSABLE_CONTENT',
  protocol: 'BAD_GATEWAY',
};

function hintFor(e: DaemonError, daemon: ConfiguredDaemon): string | undefined {
  switch (e.kind) {
    case 'unreachable':
      // A paired daemon's message says what happened (not connected, or gone mid-run).
      if (daemon.paired)
        return `${e.message.charAt(0).toUpperCase()}${e.message.slice(1)}. ${PAIRED_RECONNECT}`;
      return `No Duet daemon answers at ${daemon.url}. ${howToReach(daemon)}`;
    case 'unauthorized':
      return `The daemon at ${daemon.url} refused the token. Set DUET_TOKEN on this web server to the token the daemon was started with (\`npx duet daemon --token …\`).`;
    case 'busy':
      return busyHint(e);
    case 'limit': {
      if (e.status === 429) return busyHint(e);
      const what = e.limit ? ` (${e.limit.name}: ${e.limit.value} > ${e.limit.max})` : '';
      return `The workload exceeds a limit of the daemon${what}; make buffers, the dispatch or the sample count smaller, or raise the limit where the daemon is started.`;
    }
    case 'timeout':
      return 'The run took longer than the daemon allows; reduce the work per run or the sample count.';
    case 'protocol':
      return 'The daemon answered something this web server does not understand; make sure both run the same Duet version.';
    default:
      return e.hint;
  }
}

/** A 429: the device queue is full, or this web server sent more runs than the daemon allows per minute. */
function busyHint(e: DaemonError): string {
  const wait = e.retryAfterS ? `; try again in ${e.retryAfterS} s` : '; try again shortly';
  if (e.limit?.name === 'maxRunsPerClientPerMinute')
    return `This web server has sent the daemon more than ${e.limit.max} run${e.limit.max === 1 ? '' : 's'} in a minute (its maxRunsPerClientPerMinute)${wait}.`;
  const waiting = e.limit ? ` (${e.limit.value} runs waiting; maxQueueLength ${e.limit.max})` : '';
  return `The daemon's queue is full${waiting}${wait}.`;
}

function issuesOf(e: DaemonError): IssueDetail[] | undefined {
  const raw = (e as { issues?: unknown }).issues;
  if (!Array.isArray(raw)) return undefined;
  return raw.map((i: { path?: unknown; message?: unknown }) => ({
    path: typeof i.path === 'string' ? i.path : String(i.path ?? '(workload)'),
    message: String(i.message ?? ''),
  }));
}

function diagnosticsOf(e: DaemonError): PositionedMessage[] | undefined {
  const raw = (e as { diagnostics?: unknown }).diagnostics;
  if (!Array.isArray(raw)) return undefined;
  return raw.map((d: Partial<PositionedMessage>) => ({
    line: Number(d.line ?? 1),
    col: Number(d.col ?? 1),
    severity: d.severity === 'warning' ? 'warning' : 'error',
    message: String(d.message ?? ''),
  }));
}

export function toTrpcError(error: unknown, daemon: ConfiguredDaemon): TRPCError {
  if (error instanceof TRPCError) return error;
  if (!(error instanceof DaemonError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: `Remote run failed: ${message}`,
      cause: new DetailedError(message, { kind: 'protocol' }),
    });
  }
  const hint = hintFor(error, daemon);
  // Every 429 is "busy" to the page (queue full or per-minute rate limit): wait, then retry.
  const kind = error.status === 429 ? 'busy' : error.kind;
  const details: ErrorDetails = { kind };
  if (error.limit && Number.isFinite(error.limit.value) && Number.isFinite(error.limit.max))
    details.limit = { ...error.limit };
  if (hint) details.hint = hint;
  const issues = issuesOf(error);
  if (issues) details.issues = issues;
  const diagnostics = diagnosticsOf(error);
  if (diagnostics) details.diagnostics = diagnostics;
  if (error.retryAfterS !== undefined) details.retryAfterS = error.retryAfterS;
  if (error.log) details.log = error.log.slice(0, 20_000);
  const message =
    hint && error.kind === 'unreachable' ? `Daemon unreachable at ${daemon.url}` : error.message;
  return new TRPCError({
    code: CODE_BY_KIND[kind],
    message,
    cause: new DetailedError(message, details),
  });
}
