/**
 * A run's progress and its wording, in one place: the events the daemon client reports from a run's
 * stream (contracts §5), the phases the browser runner reports (contracts §7), and the words the
 * page and the CLI show for them ("queued as 2nd (of 5)", "running sample 3/12", "reading back").
 */

/** What a runner is doing: the same four phases in the browser and on the daemon. */
export type RunPhase = 'compiling' | 'uploading' | 'running' | 'downloading';

/** Progress of a run on the daemon, as its client reports it. */
export type RunEvent =
  | { type: 'accepted'; id: string }
  | { type: 'queued'; position: number; of: number }
  | { type: 'phase'; phase: RunPhase; sample?: number; of?: number };

/** 1st, 2nd, 3rd, 4th, 11th, 21st … */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** compiling · uploading · running sample 3/12 · reading back. */
export function describePhase(phase: string, sample?: number, of?: number): string {
  if (phase === 'downloading') return 'reading back';
  return sample !== undefined && of
    ? `${phase === 'running' ? 'running sample' : phase} ${sample}/${of}`
    : phase;
}

export function describeRunEvent(e: RunEvent): string {
  switch (e.type) {
    case 'accepted':
      return 'accepted by daemon';
    case 'queued':
      return e.position <= 1 ? `queued: next (of ${e.of})` : `queued as ${ordinal(e.position)} (of ${e.of})`;
    case 'phase':
      return describePhase(e.phase, e.sample, e.of);
  }
}
