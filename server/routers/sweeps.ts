/**
 * `sweeps`: save a finished sweep as an immutable record under a short unguessable id (/s/<id>).
 * Records travel in wire form (server/share/wire.ts); errors are the shares router's designed ones.
 * Saves count against their own per-client limit (server/share/rate-limit.ts).
 */
import { z } from 'zod';
import { sweepStore } from '../share/instance';
import { createSaveLimiter, type SaveLimiter } from '../share/rate-limit';
import type { SweepStore } from '../share/sweep-store';
import { fromWire } from '../share/wire';
import { type Context, publicProcedure, router } from '../trpc';
import { toTrpcShareError } from './shares';

export interface SweepsDeps {
  store: () => Promise<SweepStore>;
  limiter: SaveLimiter;
  /** The save limit's key for a request: by default the context's (its hashed `duet_client` cookie). */
  clientKey?: (ctx: Context) => Promise<string | null>;
}

export function createSweepsRouter(deps: SweepsDeps) {
  return router({
    /** Input: { sweep } — the sweep in wire form. Output: its id and path. */
    save: publicProcedure.input(z.object({ sweep: z.unknown() })).mutation(async ({ input, ctx }) => {
      try {
        await deps.limiter.take(deps.clientKey ? await deps.clientKey(ctx) : (ctx.ownerKey ?? null));
        const saved = await (await deps.store()).saveSweep(fromWire(input.sweep));
        return { id: saved.id, path: `/s/${saved.id}`, createdAt: saved.createdAt };
      } catch (e) {
        throw toTrpcShareError(e);
      }
    }),
  });
}

export const sweepsRouter = createSweepsRouter({
  store: sweepStore,
  limiter: createSaveLimiter(),
});
