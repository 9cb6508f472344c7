/**
 * The one-line story of a shared run for its page, its embed card and its link preview: which side
 * was faster, warm and end to end, and by how much ("Remote 3.4× faster"). Warm totals as the
 * playground's verdict compares them (app/lib/timing-summary.ts warmTotalMs: compile left out).
 */
import type { Timings } from '../../core/result';
import { warmTotalMs } from '../lib/timing-summary';

export interface Headline {
  /** "Remote 3.4× faster", "Browser 2.0× faster", "A tie", or "Not comparable". */
  text: string;
  faster: 'local' | 'remote' | 'tie' | null;
  /** slower ÷ faster warm total; null when not comparable. */
  ratio: number | null;
}

function times(r: number): string {
  return r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(1)}×`;
}

export function headlineOf(local: Timings, remote: Timings): Headline {
  const l = warmTotalMs(local);
  const r = warmTotalMs(remote);
  if (!(l > 0) || !(r > 0)) return { text: 'Not comparable', faster: null, ratio: null };
  const ratio = Math.max(l, r) / Math.min(l, r);
  // Within display precision the two are equal: say so rather than "1.0× faster".
  if (times(ratio) === '1.0×') return { text: 'A tie', faster: 'tie', ratio };
  const faster = r < l ? 'remote' : 'local';
  return { text: `${faster === 'remote' ? 'Remote' : 'Browser'} ${times(ratio)} faster`, faster, ratio };
}
