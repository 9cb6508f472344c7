/**
 * `daemons`: the daemons configured for this web server, then those this browser paired
 * (server/pairing/), and what each one reports about itself.
 */
import { DaemonError, getDaemonInfo } from '#daemon-client';
import { howToReach, targetOf } from '../daemon-config';
import { visibleDaemons } from '../pairing/visible-daemons';
import { publicProcedure, router } from '../trpc';

const INFO_TIMEOUT_MS = 3000;

export type DaemonStatus =
  | { index: number; url: string; state: 'ready'; info: Awaited<ReturnType<typeof getDaemonInfo>> }
  | {
      index: number;
      url: string;
      state: 'unreachable' | 'unauthorized' | 'error';
      message: string;
      hint: string;
    };

export const daemonsRouter = router({
  list: publicProcedure.query(async ({ signal, ctx }): Promise<DaemonStatus[]> => {
    return Promise.all(
      (await visibleDaemons(ctx.ownerKey)).map(async (d): Promise<DaemonStatus> => {
        const timeout = AbortSignal.timeout(INFO_TIMEOUT_MS);
        const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
        try {
          const info = await getDaemonInfo(targetOf(d), { signal: both });
          return { index: d.index, url: d.url, state: 'ready', info };
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          if (e instanceof DaemonError && e.kind === 'unauthorized') {
            return {
              index: d.index,
              url: d.url,
              state: 'unauthorized',
              message,
              hint: 'Set DUET_TOKEN on this web server to the token the daemon was started with.',
            };
          }
          const unreachable =
            !(e instanceof DaemonError) ||
            e.kind === 'unreachable' ||
            e.kind === 'timeout' ||
            e.kind === 'cancelled';
          return {
            index: d.index,
            url: d.url,
            state: unreachable ? 'unreachable' : 'error',
            message: timeout.aborted ? `no answer from ${d.url} within ${INFO_TIMEOUT_MS / 1000} s` : message,
            hint: unreachable ? howToReach(d) : ((e as DaemonError).hint ?? ''),
          };
        }
      }),
    );
  }),
});
