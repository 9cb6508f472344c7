/**
 * Picks the daemon a run should go to when the page leaves the choice to the server: the reachable
 * daemon with the fewest runs queued or running (ties go to the first configured), asked in parallel
 * with a short timeout so one slow or dead daemon cannot hold a submission up.
 */
import { type DaemonInfo, type DaemonTarget, getDaemonInfo } from '#daemon-client';
import { type ConfiguredDaemon, targetOf } from './daemon-config';

export type InfoFetcher = (t: DaemonTarget, opts: { signal: AbortSignal }) => Promise<DaemonInfo>;

/** How long a daemon may take to say how busy it is before it is passed over. */
export const LOAD_QUERY_TIMEOUT_MS = 2000;

export async function leastLoadedDaemon(
  daemons: readonly ConfiguredDaemon[],
  fetchInfo: InfoFetcher = getDaemonInfo,
): Promise<ConfiguredDaemon | undefined> {
  const loads = await Promise.all(
    daemons.map(async (d) => {
      try {
        const info = await fetchInfo(targetOf(d), { signal: AbortSignal.timeout(LOAD_QUERY_TIMEOUT_MS) });
        // A daemon whose executor cannot start would only answer 503: not a candidate.
        if (info.executor?.state === 'backoff') return null;
        return { d, load: info.queue.length + info.queue.running };
      } catch {
        return null;
      }
    }),
  );
  let best: { d: ConfiguredDaemon; load: number } | null = null;
  for (const l of loads) if (l && (!best || l.load < best.load)) best = l;
  return best?.d;
}
