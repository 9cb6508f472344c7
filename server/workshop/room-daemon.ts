/**
 * The daemon a workshop room runs on (docs/workshop.md "Your own GPU for a room"): the teacher's
 * choice, checked, and each run's daemon. A teacher chooses a configured daemon, 'auto', or a daemon
 * they paired in this browser (server/pairing/). The page names a daemon by its index in that
 * browser's list (server/pairing/visible-daemons.ts), so a daemon another browser paired cannot be
 * named at all. The room keeps the pairing's id, and its students' runs and hidden checks reach the
 * daemon through the pairing hub, under that daemon's own limits, fair queue and sandbox.
 */
import { type ConfiguredDaemon, configuredDaemons } from '../daemon-config';
import { leastLoadedDaemon } from '../least-loaded';
import type { PairingHub } from '../pairing/hub';
import { PAIRED_INDEX_BASE, pairedAsDaemon } from '../pairing/visible-daemons';
import { WorkshopError } from './errors';
import type { RoomDaemon } from './records';

/** What the page sends: an index in the browser's daemon list, or 'auto'. */
export type DaemonChoice = number | 'auto';

/** A room's paired daemon as the board and the students see it; null for the server's own daemons. */
export type PairedRoomDaemon = { name: string; online: boolean } | null;

/** The room daemon `choice` names for the browser `ownerKey`; no-daemon when it names none of its own. */
export async function roomDaemonFor(
  choice: DaemonChoice,
  ownerKey: string | null | undefined,
  hub: PairingHub,
): Promise<RoomDaemon> {
  if (choice === 'auto') return 'auto';
  if (choice < PAIRED_INDEX_BASE) {
    if (!configuredDaemons()[choice])
      throw new WorkshopError('no-daemon', `No daemon #${choice} is configured on this web server.`);
    return choice;
  }
  const mine = await hub.visibleTo(ownerKey ?? null);
  const p = mine[choice - PAIRED_INDEX_BASE];
  if (!p)
    throw new WorkshopError(
      'no-daemon',
      `No daemon #${choice} is paired in this browser: a room runs on this web server's daemons or on a daemon you paired in this browser (playground, Remote → Add your own GPU…).`,
    );
  return { paired: p.id };
}

/** The daemon a room's next run goes to; for a paired one that is gone or offline, WorkshopError 'daemon' in words for students. */
export async function daemonForRun(daemon: RoomDaemon, hub: PairingHub): Promise<ConfiguredDaemon> {
  if (typeof daemon === 'object') {
    const p = await hub.byId(daemon.paired);
    if (!p)
      throw new WorkshopError(
        'daemon',
        "The GPU this workshop's teacher paired is no longer paired with this web server; the teacher can choose another daemon on the board.",
      );
    if (!p.agent)
      throw new WorkshopError(
        'daemon',
        `This workshop's GPU, the daemon "${p.name}" its teacher paired, is offline. The teacher can reconnect it (on its host: \`npx duet daemon --connect <this page's address>\`); runs work again as soon as it is back.`,
      );
    return pairedAsDaemon(p, PAIRED_INDEX_BASE);
  }
  const all = configuredDaemons();
  const d = daemon === 'auto' ? ((await leastLoadedDaemon(all)) ?? all[0]) : all[daemon];
  if (!d) throw new WorkshopError('no-daemon', `No daemon #${daemon} is configured on this web server.`);
  return d;
}

/** The room's paired daemon and whether it is connected now; null when the room uses the server's daemons. */
export async function pairedRoomDaemon(daemon: RoomDaemon, hub: PairingHub): Promise<PairedRoomDaemon> {
  if (typeof daemon !== 'object') return null;
  const p = await hub.byId(daemon.paired);
  return { name: p?.name ?? '(no longer paired)', online: !!p?.agent };
}
