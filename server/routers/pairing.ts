/**
 * `pairing`: "Add your own GPU…" in the page's Remote picker. `createCode` gives this browser a
 * one-time code for `npx duet daemon --connect <page address> --pair <code>`; the daemon that uses
 * it shows up in this browser's daemon list (server/pairing/visible-daemons.ts) and nowhere else.
 */
import { TRPCError } from '@trpc/server';
import { DetailedError } from '../error-details';
import { pairingHub } from '../pairing/hub';
import { publicProcedure, router } from '../trpc';

export const pairingRouter = router({
  createCode: publicProcedure.mutation(({ ctx }) => {
    if (!ctx.ownerKey) {
      const message = 'This browser sent no duet_client cookie, so a paired daemon could not be kept for it.';
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message,
        cause: new DetailedError(message, {
          kind: 'config',
          hint: 'Allow cookies for this site and reload the page.',
        }),
      });
    }
    const issued = pairingHub().codes.issue(ctx.ownerKey);
    return { code: issued.code, expiresAt: issued.expiresAt };
  }),
});
