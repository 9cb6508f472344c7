/**
 * The daemon's queue as the board shows it: asked for at most once per QUEUE_TTL_MS per room and
 * refreshed in the background, so a board update never waits on a busy daemon (only a room's first
 * board waits for an answer). Null while the daemon does not answer.
 */
import { type DaemonTarget, getDaemonInfo } from '#daemon-client';

/** How old the board's figure of the daemon's queue may be. */
const QUEUE_TTL_MS = 1000;

export type QueueFigure = { length: number; running: number } | null;

export class QueueFigures {
  private readonly rooms = new Map<
    string,
    { at: number; value: QueueFigure; pending: Promise<void> | null }
  >();

  async of(code: string, target: () => Promise<DaemonTarget>): Promise<QueueFigure> {
    const known = this.rooms.get(code);
    if (known && (known.pending || performance.now() - known.at < QUEUE_TTL_MS)) return known.value;
    const entry = known ?? { at: 0, value: null, pending: null };
    entry.pending = (async () => {
      try {
        const info = await getDaemonInfo(await target(), { signal: AbortSignal.timeout(1500) });
        entry.value = { length: info.queue.length, running: info.queue.running };
      } catch {
        entry.value = null;
      }
      entry.at = performance.now();
      entry.pending = null;
    })();
    this.rooms.set(code, entry);
    if (!known) await entry.pending;
    return entry.value;
  }
}
