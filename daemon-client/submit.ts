/**
 * POST /v1/runs (contracts §7): submits a workload and follows its frame stream to the result,
 * outputs copied into one array each (submitRun) or kept as the chunks they arrived in
 * (submitRunChunked). Every failure is a DaemonError.
 */
import { ChunkedFrameDecoder, FrameDecoder, type FrameHeader } from '../core/frame';
import { CLIENT_ID_HEADER } from '../core/protocol';
import { type Binding, ELEMENT_BYTES, type Workload, type WorkloadInput } from '../core/workload';
import { call } from './call';
import { type ChunkedRunResult, namedOutputs, type RemoteRunResult, resultMeta } from './result';
import { type Decoder, directBody, httpBody, type RunBody } from './run-body';
import { follow, type RunOptions } from './stream';
import type { DaemonTarget } from './target';

/**
 * Submits a run and streams its events; resolves with the result, outputs as one array each (what
 * a caller comparing or saving them needs). Every failure is a DaemonError.
 */
export function submitRun(
  t: DaemonTarget,
  workload: Workload | WorkloadInput,
  opts: RunOptions = {},
): Promise<RemoteRunResult> {
  return submit(t, workload, opts, new FrameDecoder(), (h, payloads, ms) => ({
    ...resultMeta(h, ms),
    outputs: namedOutputs(h, payloads, () => new Uint8Array(0)),
  }));
}

/**
 * As submitRun, but outputs stay the chunks they arrived in: no copy into arrays of the caller's
 * own. For a caller that only forwards outputs (the web server serving them to the page): on the
 * 2-core VM, copying a 256 MiB output into fresh memory takes longer than receiving it.
 */
export function submitRunChunked(
  t: DaemonTarget,
  workload: Workload | WorkloadInput,
  opts: RunOptions = {},
): Promise<ChunkedRunResult> {
  return submit(t, workload, opts, new ChunkedFrameDecoder(), (h, payloads, ms) => ({
    ...resultMeta(h, ms),
    outputs: namedOutputs(
      h,
      payloads.map((chunks) => ({ bytes: chunks.reduce((n, c) => n + c.byteLength, 0), chunks })),
      () => ({ bytes: 0, chunks: [] }),
    ),
  }));
}

/** Outputs at least this large (in all) are read in place (DirectResponse) on a plain-HTTP daemon. */
export const DIRECT_MIN_BYTES = 1 << 20;

/** The output bytes a workload asks for, from its bindings (0 when it does not say). */
function outputBytes(w: Workload | WorkloadInput): number {
  const bindings = (w as { bindings?: unknown }).bindings;
  if (!Array.isArray(bindings)) return 0;
  let n = 0;
  for (const b of bindings as Binding[]) {
    const bytes =
      b?.output && typeof b.length === 'number' ? b.length * (ELEMENT_BYTES[b.element ?? 'bytes'] ?? 1) : 0;
    if (Number.isFinite(bytes) && bytes > 0) n += bytes;
  }
  return n;
}

async function submit<P, R>(
  t: DaemonTarget,
  workload: Workload | WorkloadInput,
  opts: RunOptions,
  decoder: Decoder<P>,
  toResult: (h: FrameHeader, payloads: P[], roundTripMs: number) => R,
): Promise<R> {
  const started = performance.now();
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.clientId) headers[CLIENT_ID_HEADER] = opts.clientId;
  const request = { method: 'POST' as const, body: JSON.stringify(workload), headers, signal: opts.signal };
  // A large output on a plain-HTTP daemon is read in place (directBody); else through node:http
  // (always for a paired daemon: its only way in is the tunnel's agent).
  const direct =
    decoder instanceof FrameDecoder &&
    !t.agent &&
    t.url.startsWith('http:') &&
    outputBytes(workload) >= DIRECT_MIN_BYTES;
  const body: RunBody<P> = direct
    ? ((await directBody(t, request, decoder as unknown as FrameDecoder)) as unknown as RunBody<P>)
    : await httpBody(t, await call(t, '/v1/runs', request), decoder);
  return follow(t, opts, body, (h, payloads) => toResult(h, payloads, performance.now() - started));
}
