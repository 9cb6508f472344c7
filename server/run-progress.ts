/**
 * The daemon's run events as the page shows them (queued 2nd of 5, compiling, running sample 7/12, …):
 * `runs.submit` streams them to the page as they arrive (server/routers/runs.ts).
 */
import type { RunEvent } from '../daemon/client';

/** 1st, 2nd, 3rd, 4th, 11th, 21st … */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export function describeRunEvent(e: RunEvent): string {
  switch (e.type) {
    case 'accepted':
      return 'accepted by daemon';
    case 'queued':
      return e.position <= 1 ? `queued: next (of ${e.of})` : `queued as ${ordinal(e.position)} (of ${e.of})`;
    case 'phase':
      if (e.phase === 'downloading') return 'reading back';
      return e.sample !== undefined && e.of
        ? `${e.phase === 'running' ? 'running sample' : e.phase} ${e.sample}/${e.of}`
        : e.phase;
  }
}
