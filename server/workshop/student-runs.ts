/**
 * The workshop runs in flight on this web server, by the daemon's run id: whose each one is and which
 * daemon runs it. `workshop.cancel` needs both: a room's daemon may be one its teacher paired, which
 * the student's browser cannot name (so `runs.cancel` cannot reach it), and only the student who
 * started a run may stop it (every student of a room is one client of the same daemon). Daemon
 * errors come back as `runs.cancel` gives them (server/daemon-errors.ts).
 */
import { cancelRun } from '#daemon-client';
import { type ConfiguredDaemon, targetOf } from '../daemon-config';
import { toTrpcError } from '../daemon-errors';

interface LiveRun {
  student: string;
  daemon: ConfiguredDaemon;
}

/** What a cancel came to, as `runs.cancel` answers it. */
export type CancelOutcome = { cancelled: boolean; reason: 'cancelled' | 'not running' };

export class StudentRuns {
  private readonly live = new Map<string, LiveRun>();

  /** Remembers `id` (the daemon's run id) as `student`'s run on `daemon` until `ended`. */
  started(id: string, student: string, daemon: ConfiguredDaemon): void {
    this.live.set(id, { student, daemon });
  }

  ended(id: string): void {
    this.live.delete(id);
  }

  /**
   * Cancels `student`'s run `id` on its daemon. Another student's run, a finished one and an unknown
   * id all answer 'not running' alike, so an id tells no one whether it names someone else's run.
   */
  async cancel(id: string, student: string): Promise<CancelOutcome> {
    const run = this.live.get(id);
    if (!run || run.student !== student) return { cancelled: false, reason: 'not running' };
    let cancelled: boolean;
    try {
      cancelled = await cancelRun(targetOf(run.daemon), id);
    } catch (e) {
      throw toTrpcError(e, run.daemon);
    }
    return { cancelled, reason: cancelled ? 'cancelled' : 'not running' };
  }
}
