/**
 * The one-line story of a shared run for its page, its embed card, its link preview and /recent:
 * which side was faster, warm and end to end, and by how much ("Remote 3.4× faster"). Warm totals as
 * the playground's verdict compares them (core/timing-summary.ts warmTotalMs: compile left out).
 */
import type { Timings } from './result';
import { warmTotalMs } from './timing-summary';

/** Which side won and by how much: what a stored run's summary keeps (docs/contracts.md, shares). */
export interface SpeedHeadline {
  faster: 'local' | 'remote' | 'tie' | null;
  /** slower ÷ faster warm total; null when not comparable. */
  ratio: number | null;
}

export interface Headline extends SpeedHeadline {
  /** "Remote 3.4× faster", "Browser 2.0× faster", "A tie", or "Not comparable". */
  text: string;
}

function times(r: number): string {
  return r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(1)}×`;
}

/** The words for a headline, from its side and ratio alone (a stored summary has no timings). */
export function headlineText(h: SpeedHeadline): string {
  if (h.faster === null || h.ratio === null) return 'Not comparable';
  if (h.faster === 'tie') return 'A tie';
  return `${h.faster === 'remote' ? 'Remote' : 'Browser'} ${times(h.ratio)} faster`;
}

export function headlineOf(local: Timings, remote: Timings): Headline {
  const l = warmTotalMs(local);
  const r = warmTotalMs(remote);
  if (!(l > 0) || !(r > 0)) return { text: 'Not comparable', faster: null, ratio: null };
  const ratio = Math.max(l, r) / Math.min(l, r);
  // Within display precision the two are equal: say so rather than "1.0× faster".
  const faster = times(ratio) === '1.0×' ? 'tie' : r < l ? 'remote' : 'local';
  return { text: headlineText({ faster, ratio }), faster, ratio };
}
