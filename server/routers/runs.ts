/**
 * `runs`: submit a workload to a configured daemon and follow it. `submit` is streamed (the page reads
 * it with app/trpc/stream-link.ts; under `npm start` app/trpc/node-submit.ts answers it without tRPC's
 * fetch adapter, in the same JSON lines): the daemon's run id and its progress (queue
 * place, phases) as the daemon reports them (held back for the first QUIET_MS, then the latest
 * state), last the result: timings, device and translation info as JSON; the output bytes stay in
 * the run store and are served binary by app/api/runs/[id]/outputs. `cancel` stops a run by that id.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { cancelRun, type OutputChunks, submitRunChunked } from '#daemon-client';
import { describeRunEvent, type RunEvent } from '../../core/progress';
import { parseWorkload, type Workload } from '../../core/workload';
import { type ConfiguredDaemon, targetOf } from '../daemon-config';
import { toTrpcError } from '../daemon-errors';
import { DetailedError } from '../error-details';
import { eventStream, holdBack } from '../event-stream';
import { leastLoadedDaemon } from '../least-loaded';
import { webMetrics } from '../metrics';
import { visibleDaemonAt, visibleDaemons } from '../pairing/visible-daemons';
import { runStore } from '../run-store';
import { publicProcedure, router } from '../trpc';

const submitInput = z.object({
  /** Validated with core/workload.ts below, so its issues come back with field paths. */
  workload: z.unknown(),
  /** A configured daemon's index, or 'auto': the least-loaded reachable daemon (server/least-loaded.ts). */
  daemon: z.union([z.number().int().min(0), z.literal('auto')]),
});

/** A daemon run's id as the page names it to `runs.cancel`. */
const runRef = z.object({
  daemon: z.number().int().min(0),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

/**
 * Small outputs also come inline (base64) in the answer: a tiny run then costs the page one request
 * instead of one plus one per output (each a full trip through the web server).
 */
export const INLINE_OUTPUT_BYTES = 64 * 1024;

function base64(output: OutputChunks): string {
  return Buffer.concat(output.chunks).toString('base64');
}

function invalid(issues: { path: string; message: string }[]): TRPCError {
  const message = issues.map((i) => `invalid workload: ${i.path}: ${i.message}`).join('\n');
  return new TRPCError({
    code: 'BAD_REQUEST',
    message,
    cause: new DetailedError(message, { kind: 'invalid', issues }),
  });
}

/** The daemon a run goes to, among those this browser may use (configured, or paired by it). */
async function chosenDaemon(
  choice: number | 'auto',
  ownerKey: string | null | undefined,
): Promise<ConfiguredDaemon> {
  const visible = choice === 'auto' ? await visibleDaemons(ownerKey) : [];
  const daemon =
    choice === 'auto'
      ? ((await leastLoadedDaemon(visible)) ?? visible[0])
      : await visibleDaemonAt(ownerKey, choice);
  if (daemon) return daemon;
  const message = `No daemon #${choice} is configured on this web server.`;
  throw new TRPCError({
    code: 'NOT_FOUND',
    message,
    cause: new DetailedError(message, {
      kind: 'config',
      hint: 'Reload the page to get the current daemon list.',
    }),
  });
}

/** What `runs.submit` streams: the daemon's id for the run, its progress, then the result (last). */
type Update =
  | { type: 'accepted'; run: { daemon: number; id: string } }
  | { type: 'progress'; text: string; queuePosition?: number };

/**
 * How long a run's updates are held back, the latest of each kind kept (server/event-stream.ts
 * holdBack): a run done by then streams its result alone, the cheapest answer for a tiny run.
 */
export const QUIET_MS = 100;

function toUpdate(e: RunEvent, daemon: number): Update {
  if (e.type === 'accepted') return { type: 'accepted', run: { daemon, id: e.id } };
  if (e.type === 'queued') return { type: 'progress', text: describeRunEvent(e), queuePosition: e.position };
  return { type: 'progress', text: describeRunEvent(e) };
}

/** `input` as a workload (core/workload.ts); BAD_REQUEST with each issue's field path otherwise. */
export function workloadOrThrow(input: unknown): Workload {
  const parsed = parseWorkload(input);
  if (!parsed.ok) throw invalid(parsed.issues);
  return parsed.workload;
}

/**
 * What `runs.submit` streams for a run of `workload` on `daemon`, sent as `web:<clientId>`: also the
 * stream of a workshop student's run, on the room's daemon (server/routers/workshop/student.ts).
 */
export async function* streamRunOn(
  daemon: ConfiguredDaemon,
  workload: Workload,
  clientId: string | undefined,
  signal: AbortSignal | undefined,
) {
  const started = performance.now();
  const updates = eventStream<Update, Awaited<ReturnType<typeof submitRunChunked>>>((emit) => {
    const held = holdBack(emit, QUIET_MS);
    return submitRunChunked(targetOf(daemon), workload, {
      ...(signal ? { signal } : {}),
      ...(clientId ? { clientId: `web:${clientId}` } : {}),
      onEvent: (e: RunEvent) => held.push(toUpdate(e, daemon.index)),
    }).finally(held.stop);
  });
  let result: Awaited<ReturnType<typeof submitRunChunked>> | undefined;
  try {
    for await (const u of updates) {
      if (u.type === 'event') yield u.event;
      else result = u.result;
    }
  } catch (e) {
    const error = toTrpcError(e, daemon);
    webMetrics().runEnded(daemon.index, (performance.now() - started) / 1000, { error });
    throw error;
  }
  if (!result) return;
  const serverRoundTripMs = performance.now() - started;
  webMetrics().runEnded(daemon.index, serverRoundTripMs / 1000, { backend: result.backend });
  const id = randomUUID();
  runStore().put(id, result.outputs);
  const inline = Object.values(result.outputs).reduce((n, o) => n + o.bytes, 0) <= INLINE_OUTPUT_BYTES;
  yield {
    type: 'result' as const,
    id,
    daemonRunId: result.id,
    daemon: { index: daemon.index, url: daemon.url },
    backend: result.backend,
    device: result.device,
    timings: result.timings,
    translate: result.translate,
    ...(result.warnings?.length ? { warnings: result.warnings } : {}),
    serverRoundTripMs,
    outputs: Object.entries(result.outputs).map(
      ([name, o]): { name: string; bytes: number; inline?: string } =>
        inline ? { name, bytes: o.bytes, inline: base64(o) } : { name, bytes: o.bytes },
    ),
  };
}

export const runsRouter = router({
  submit: publicProcedure.input(submitInput).mutation(async function* ({ input, signal, ctx }) {
    const workload = workloadOrThrow(input.workload);
    yield* streamRunOn(await chosenDaemon(input.daemon, ctx.ownerKey), workload, ctx.clientId, signal);
  }),

  /**
   * Cancels a run (queued or running) by the id `runs.submit` streamed first. The page also aborts its
   * stream; this reaches the daemon even when the abort does not (a proxy that keeps the upstream open).
   */
  cancel: publicProcedure.input(runRef).mutation(async ({ input, ctx }) => {
    const daemon = await visibleDaemonAt(ctx.ownerKey, input.daemon);
    if (!daemon) return { cancelled: false, reason: 'no daemon' as const };
    try {
      const cancelled = await cancelRun(targetOf(daemon), input.id);
      return { cancelled, reason: cancelled ? ('cancelled' as const) : ('not running' as const) };
    } catch (e) {
      throw toTrpcError(e, daemon);
    }
  }),
});
