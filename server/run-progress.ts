/**
 * Progress of remote runs in flight, by a ticket the page chooses, so the page can show the daemon's
 * phases (queued 2 of 5, compiling, running 7/12, …) while the `runs.submit` mutation is pending.
 * Bounded and short-lived: entries go when the run ends (after a grace period) or grow old.
 */

export interface RunProgress {
  text: string;
  updatedAt: number;
  done: boolean;
  /** Queue place while queued (1 = next), so the page can say "queued as 2nd". */
  queuePosition?: number;
}

/** The daemon-side id of a ticket's run, so `runs.cancel` can reach it (not sent to the page). */
export interface RunHandle {
  daemonIndex: number;
  daemonRunId: string;
}

const MAX_TICKETS = 1024;
const KEEP_AFTER_DONE_MS = 30_000;
const MAX_AGE_MS = 30 * 60_000;

export class ProgressBoard {
  private readonly entries = new Map<string, RunProgress>();
  private readonly handles = new Map<string, RunHandle>();

  constructor(private readonly now: () => number = Date.now) {}

  update(ticket: string, text: string, done = false, queuePosition?: number): void {
    this.entries.delete(ticket);
    const entry: RunProgress = { text, updatedAt: this.now(), done };
    if (queuePosition !== undefined && !done) entry.queuePosition = queuePosition;
    this.entries.set(ticket, entry);
    if (done) this.handles.delete(ticket);
    this.prune();
  }

  /** Records which daemon run a ticket is (from the daemon's `accepted` frame). */
  attach(ticket: string, handle: RunHandle): void {
    this.handles.set(ticket, handle);
  }

  /** The live daemon run of a ticket; undefined once it ended or was never accepted. */
  handle(ticket: string): RunHandle | undefined {
    return this.handles.get(ticket);
  }

  get(ticket: string): RunProgress | null {
    return this.entries.get(ticket) ?? null;
  }

  private prune(): void {
    const now = this.now();
    for (const [ticket, p] of this.entries) {
      const age = now - p.updatedAt;
      if ((p.done && age > KEEP_AFTER_DONE_MS) || age > MAX_AGE_MS) {
        this.entries.delete(ticket);
        this.handles.delete(ticket);
      }
    }
    for (const ticket of this.handles.keys()) if (!this.entries.has(ticket)) this.handles.delete(ticket);
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
