/**
 * The daemons a teacher may open a room on, as <option>s: 'the least busy' of this web server's
 * daemons, each configured daemon, and each daemon this browser paired (server/workshop/room-daemon.ts:
 * the server checks the choice against the same list). For the room form and the board's picker.
 */
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/router';

type Daemons = inferRouterOutputs<AppRouter>['daemons']['list'];

/** A paired daemon's list entry is named `paired:<name>` (server/pairing/visible-daemons.ts). */
const PAIRED = 'paired:';

export function DaemonOptions({ daemons }: { daemons: Daemons | undefined }) {
  return (
    <>
      <option value="auto">the least busy of this server&apos;s daemons</option>
      {daemons?.map((d) => (
        <option key={d.index} value={d.index}>
          {d.url.startsWith(PAIRED)
            ? `your paired GPU: ${d.url.slice(PAIRED.length)}${d.state === 'ready' ? '' : ' (offline)'}`
            : d.url}
        </option>
      ))}
    </>
  );
}

/** The select's value back as the tRPC input's `daemon`. */
export const daemonChoice = (value: string): number | 'auto' => (value === 'auto' ? 'auto' : Number(value));
