/**
 * Progress of remote runs in flight, by a ticket the page chooses, so the page can show the daemon's
 * phases (queued 2 of 5, compiling, running 7/12, …) while the `runs.submit` mutation is pending.
 * Bounded and short-lived: entries go when the run ends (after a grace period) or grow old.
 */
import type { RunEvent } from '../daemon/client';

export interface RunProgress {
  text: string;
  updatedAt: number;
  done: boolean;
}

const MAX_TICKETS = 1024;
const KEEP_AFTER_DONE_MS = 30_000;
const MAX_AGE_MS = 30 * 60_000;

export function describeRunEvent(e: RunEvent): string {
  switch (e.type) {
    case 'accepted':
      return 'accepted by daemon';
    case 'queued':
      return `queued (${e.position} of ${e.of})`;
    case 'phase':
      return e.sample !== undefined && e.of ? `${e.phase} ${e.sample}/${e.of}` : e.phase;
  }
}

export class ProgressBoard {
  private readonly entries = new Map<string, RunProgress>();

  constructor(private readonly now: () => number = Date.now) {}

  update(ticket: string, text: string, done = false): void {
    this.entries.delete(ticket);
    this.entries.set(ticket, { text, updatedAt: this.now(), done });
    this.prune();
  }

  get(ticket: string): RunProgress | null {
    return this.entries.get(ticket) ?? null;
  }

  private prune(): void {
    const now = this.now();
    for (const [ticket, p] of this.entries) {
      const age = now - p.updatedAt;
      if ((p.done && age > KEEP_AFTER_DONE_MS) || age > MAX_AGE_MS) this.entries.delete(ticket);
    }
    while (this.entries.size > MAX_TICKETS) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

const BOARD_KEY = Symbol.for('duet.progressBoard');

export function progressBoard(): ProgressBoard {
  const g = globalThis as { [BOARD_KEY]?: ProgressBoard };
  g[BOARD_KEY] ??= new ProgressBoard();
  return g[BOARD_KEY];
}
