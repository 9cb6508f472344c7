/**
 * `shares`: save a finished run under a short unguessable id, read it back, list recent public runs.
 * Records travel in wire form (server/share/wire.ts) so NaN/Infinity statistics survive JSON.
 */
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { DetailedError } from '../error-details';
import { webMetrics } from '../metrics';
import { ShareError } from '../share/errors';
import { shareStore } from '../share/instance';
import { createSaveLimiter, type SaveLimiter } from '../share/rate-limit';
import type { ShareStore } from '../share/store';
import { fromWire, toWire } from '../share/wire';
import { type Context, publicProcedure, router } from '../trpc';

export interface SharesDeps {
  store: () => Promise<ShareStore>;
  limiter: SaveLimiter;
  /** The save limit's key for a request: by default the context's (its hashed `duet_client` cookie). */
  clientKey?: (ctx: Context) => Promise<string | null>;
}

const CODES = {
  invalid: 'BAD_REQUEST',
  'too-large': 'PAYLOAD_TOO_LARGE',
  'not-found': 'NOT_FOUND',
  corrupt: 'INTERNAL_SERVER_ERROR',
  'rate-limited': 'TOO_MANY_REQUESTS',
} as const;

const HINTS: Record<ShareError['kind'], string | undefined> = {
  invalid: 'The page sent a run this server cannot keep; reload the page and share again.',
  'too-large':
    'Share fewer timing samples (lower `runs.samples`) or inline less input data, or use a code link.',
  'not-found': 'Check the link; shared runs are never deleted, so a wrong id is the usual cause.',
  corrupt: 'The stored copy is damaged; ask whoever shared it to share the run again.',
  'rate-limited': 'Wait a little, or use a code link (Copy code link), which needs no server.',
};

/** A ShareError as a tRPC error whose `data.duet` carries kind, hint, issues and retry time. */
export function toTrpcShareError(e: unknown): unknown {
  if (!(e instanceof ShareError)) return e;
  const kind =
    e.kind === 'invalid'
      ? 'invalid'
      : e.kind === 'rate-limited' || e.kind === 'too-large'
        ? 'limit'
        : 'protocol';
  const hint = HINTS[e.kind];
  return new TRPCError({
    code: CODES[e.kind],
    message: e.message,
    cause: new DetailedError(e.message, {
      kind,
      ...(hint ? { hint } : {}),
      ...(e.extra.issues ? { issues: e.extra.issues } : {}),
      ...(e.extra.retryAfterS !== undefined ? { retryAfterS: e.extra.retryAfterS } : {}),
    }),
  });
}

const idInput = z.object({ id: z.string().max(64) });

export function createSharesRouter(deps: SharesDeps) {
  return router({
    /** Input: { run } — the run in wire form. Output: its id and path. */
    save: publicProcedure.input(z.object({ run: z.unknown() })).mutation(async ({ input, ctx }) => {
      try {
        await deps.limiter.take(deps.clientKey ? await deps.clientKey(ctx) : (ctx.ownerKey ?? null));
        const saved = await (await deps.store()).saveRun(fromWire(input.run));
        webMetrics().shareSaved();
        return { id: saved.id, path: `/r/${saved.id}`, createdAt: saved.createdAt };
      } catch (e) {
        const error = toTrpcShareError(e);
        webMetrics().shareSaved(error);
        throw error;
      }
    }),

    /** The run in wire form (decode with fromWire), or NOT_FOUND. */
    get: publicProcedure.input(idInput).query(async ({ input }) => {
      try {
        const run = await (await deps.store()).getRun(input.id);
        if (!run) throw new ShareError('not-found', `No shared run ${input.id}.`);
        return toWire(run);
      } catch (e) {
        throw toTrpcShareError(e);
      }
    }),

    recent: publicProcedure
      .input(
        z.object({
          limit: z.number().int().min(1).max(100).optional(),
          before: z.string().max(80).optional(),
        }),
      )
      .query(async ({ input }) => (await deps.store()).listRecent(input)),
  });
}

export const sharesRouter = createSharesRouter({
  store: shareStore,
  limiter: createSaveLimiter(),
});
