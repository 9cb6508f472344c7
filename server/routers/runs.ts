/**
 * `runs`: submit a workload to a configured daemon. Timings, device and translation info come back as
 * JSON; the output bytes stay in the run store and are served binary by app/api/runs/[id]/outputs.
 */
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { describeRunEvent, type RunEvent } from '../../core/progress';
import { parseWorkload } from '../../core/workload';
import { cancelRun, type OutputChunks, submitRunChunked } from '../../daemon/client';
import { configuredDaemons, daemonAt } from '../daemon-config';
import { toTrpcError } from '../daemon-errors';
import { DetailedError } from '../error-details';
import { leastLoadedDaemon } from '../least-loaded';
import { progressBoard } from '../run-progress';
import { runStore } from '../run-store';
import { publicProcedure, router } from '../trpc';

const submitInput = z.object({
  /** Validated with core/workload.ts below, so its issues come back with field paths. */
  workload: z.unknown(),
  /** A configured daemon's index, or 'auto': the least-loaded reachable daemon (server/least-loaded.ts). */
  daemon: z.union([z.number().int().min(0), z.literal('auto')]),
  /** Chosen by the page to follow this run's progress with `runs.progress`. */
  ticket: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/)
    .optional(),
});

/**
 * Small outputs also come inline (base64) in the answer: a tiny run then costs the page one request
 * instead of one plus one per output (each a full trip through the web server).
 */
export const INLINE_OUTPUT_BYTES = 64 * 1024;

function base64(output: OutputChunks): string {
  return Buffer.concat(output.chunks).toString('base64');
}

export const runsRouter = router({
  submit: publicProcedure.input(submitInput).mutation(async ({ input, signal, ctx }) => {
    const parsed = parseWorkload(input.workload);
    if (!parsed.ok) {
      const message = parsed.issues.map((i) => `invalid workload: ${i.path}: ${i.message}`).join('\n');
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message,
        cause: new DetailedError(message, { kind: 'invalid', issues: parsed.issues }),
      });
    }
    const daemon =
      input.daemon === 'auto'
        ? ((await leastLoadedDaemon(configuredDaemons())) ?? daemonAt(0))
        : daemonAt(input.daemon);
    if (!daemon) {
      const message = `No daemon #${input.daemon} is configured on this web server.`;
      throw new TRPCError({
        code: 'NOT_FOUND',
        message,
        cause: new DetailedError(message, {
          kind: 'config',
          hint: 'Reload the page to get the current daemon list.',
        }),
      });
    }
    const started = performance.now();
    const { ticket } = input;
    const board = progressBoard();
    if (ticket) board.update(ticket, 'sent to daemon');
    let result: Awaited<ReturnType<typeof submitRunChunked>>;
    try {
      result = await submitRunChunked({ url: daemon.url, token: daemon.token }, parsed.workload, {
        ...(signal ? { signal } : {}),
        ...(ctx.clientId ? { clientId: `web:${ctx.clientId}` } : {}),
        ...(ticket
          ? {
              onEvent: (e: RunEvent) => {
                if (e.type === 'accepted')
                  board.attach(ticket, { daemonIndex: daemon.index, daemonRunId: e.id });
                board.update(
                  ticket,
                  describeRunEvent(e),
                  false,
                  e.type === 'queued' ? e.position : undefined,
                );
              },
            }
          : {}),
      });
    } catch (e) {
      if (ticket) board.update(ticket, signal?.aborted ? 'cancelled' : 'failed', true);
      throw toTrpcError(e, daemon);
    }
    if (ticket) board.update(ticket, 'receiving outputs', true);
    const serverRoundTripMs = performance.now() - started;
    const id = randomUUID();
    runStore().put(id, result.outputs);
    const inline = Object.values(result.outputs).reduce((n, o) => n + o.bytes, 0) <= INLINE_OUTPUT_BYTES;
    return {
      id,
      daemonRunId: result.id,
      daemon: { index: daemon.index, url: daemon.url },
      backend: result.backend,
      device: result.device,
      timings: result.timings,
      translate: result.translate,
      ...(result.warnings?.length ? { warnings: result.warnings } : {}),
      serverRoundTripMs,
      outputs: Object.entries(result.outputs).map(([name, o]) =>
        inline ? { name, bytes: o.bytes, inline: base64(o) } : { name, bytes: o.bytes },
      ),
    };
  }),

  /**
   * Cancels the run with this ticket on its daemon (queued or running). The page also aborts its
   * pending `submit` request; this reaches the daemon even when that request already got there.
   */
  cancel: publicProcedure
    .input(z.object({ ticket: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) }))
    .mutation(async ({ input }) => {
      const board = progressBoard();
      const handle = board.handle(input.ticket);
      if (!handle) return { cancelled: false, reason: 'not running' as const };
      const daemon = daemonAt(handle.daemonIndex);
      if (!daemon) return { cancelled: false, reason: 'no daemon' as const };
      try {
        const cancelled = await cancelRun({ url: daemon.url, token: daemon.token }, handle.daemonRunId);
        board.update(input.ticket, 'cancelled', true);
        return { cancelled, reason: cancelled ? ('cancelled' as const) : ('not running' as const) };
      } catch (e) {
        throw toTrpcError(e, daemon);
      }
    }),

  /** What the daemon last reported about the run with this ticket (null: unknown or finished long ago). */
  progress: publicProcedure
    .input(z.object({ ticket: z.string().max(64) }))
    .query(({ input }) => progressBoard().get(input.ticket)),
});
