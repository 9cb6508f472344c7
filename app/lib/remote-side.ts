/**
 * The remote side: the tRPC `runs.submit` stream (the daemon's run id, its progress, then the result),
 * then the output bytes: inline (base64) when the run's outputs are small, else fetched binary from
 * /api/runs/<id>/outputs/<name>. Errors become designed SideErrors with the server's fix-it hint.
 */
import { TRPCClientError } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import { RUN_ERROR_TITLES, runErrorTitle } from '../../core/errors';
import { namedRecord } from '../../core/named';
import type { SideResult } from '../../core/result';
import type { AppRouter } from '../../server/router';
import type { DaemonChoice } from './daemon-choice';
import type { DiagnosticSource, SourceDiagnostic } from './diagnostics';
import type { RemoteExtras, SideError } from './side-state';

type RunUpdate = inferRouterOutputs<AppRouter>['runs']['submit'] extends AsyncIterable<infer U> ? U : never;
export type SubmitOutput = Extract<RunUpdate, { type: 'result' }>;
/** The daemon run `runs.cancel` names. */
export type RunRef = Extract<RunUpdate, { type: 'accepted' }>['run'];

/** Reads a `runs.submit` stream to its result, reporting the run's id and progress on the way. */
export async function followRun(
  updates: AsyncIterable<RunUpdate>,
  on: { accepted?(run: RunRef): void; progress?(text: string): void } = {},
): Promise<SubmitOutput> {
  for await (const u of updates) {
    if (u.type === 'accepted') on.accepted?.(u.run);
    else if (u.type === 'progress') on.progress?.(u.text);
    else return u;
  }
  throw new Error('the web server ended the run’s stream without a result');
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function fetchOutputs(
  runId: string,
  outputs: { name: string; bytes: number; inline?: string }[],
  signal?: AbortSignal,
): Promise<Record<string, Uint8Array>> {
  const entries = await Promise.all(
    outputs.map(async ({ name, inline }) => {
      if (inline !== undefined) return [name, fromBase64(inline)] as const;
      const res = await fetch(`/api/runs/${encodeURIComponent(runId)}/outputs/${encodeURIComponent(name)}`, {
        signal: signal ?? null,
      });
      if (!res.ok) throw new Error(`output "${name}": HTTP ${res.status} ${await res.text()}`);
      return [name, new Uint8Array(await res.arrayBuffer())] as const;
    }),
  );
  return namedRecord(entries);
}

/** `requested`: what the page asked for; with 'auto' the answer's `daemon` says which one ran it. */
export function toRemoteSide(
  out: SubmitOutput,
  outputs: Record<string, Uint8Array>,
  browserRoundTripMs: number,
  requested: DaemonChoice,
): { result: SideResult; extra: RemoteExtras } {
  return {
    result: {
      backend: out.backend,
      device: out.device,
      timings: out.timings,
      outputs,
      ...(out.warnings?.length ? { warnings: out.warnings } : {}),
    },
    extra: {
      runId: out.id,
      daemonUrl: out.daemon.url,
      daemonIndex: out.daemon.index,
      ...(requested === 'auto' ? { auto: true } : {}),
      translate: out.translate,
      serverRoundTripMs: out.serverRoundTripMs,
      browserRoundTripMs,
    },
  };
}

export const CANCELLED_REMOTE: SideError = {
  kind: 'cancelled',
  title: RUN_ERROR_TITLES.cancelled,
  message: 'The remote run was cancelled; the daemon was asked to stop it.',
};

function isAbort(e: unknown): boolean {
  if (e instanceof DOMException && e.name === 'AbortError') return true;
  return e instanceof Error && /abort/i.test(e.name + e.message);
}

export function remoteError(e: unknown): SideError {
  if (isAbort(e) || (e instanceof TRPCClientError && isAbort(e.cause))) return CANCELLED_REMOTE;
  // A TRPCClientError without `data` never got an answer from the web server (the fetch itself failed):
  // that is the web server being down, not a daemon fault.
  if (e instanceof TRPCClientError && e.data !== undefined && e.data !== null) {
    const details = (e as TRPCClientError<AppRouter>).data?.duet ?? null;
    const kind = details?.kind ?? 'protocol';
    const err: SideError = { kind, title: runErrorTitle(kind), message: e.message };
    if (details?.hint) err.hint = details.hint;
    if (details?.issues?.length) err.issues = details.issues;
    if (details?.log) err.log = details.log;
    if (details?.retryAfterS !== undefined) err.retryAfterS = details.retryAfterS;
    if (details?.limit) err.limit = details.limit;
    if (details?.diagnostics?.length) {
      const source: DiagnosticSource = 'translator';
      err.diagnostics = details.diagnostics.map((d): SourceDiagnostic => ({ ...d, source }));
    }
    return err;
  }
  const message = e instanceof Error ? e.message : String(e);
  return {
    kind: 'unreachable',
    title: 'Web server unreachable',
    message,
    hint: 'The page could not reach its own web server; is `npm start` still running?',
  };
}
