/**
 * The speed line of a /recent row: the warm end-to-end headline the run's summary stored
 * ("Remote 3.4× faster, warm"), or, for a summary saved before headlines were stored, the kernel
 * medians' ratio, labelled as such so the two are never mistaken for one another.
 */
import { headlineText } from '../../core/speed-headline';
import type { RunSummary } from '../../server/share/record';
import { ratio } from './format';

export function summaryHeadline(s: RunSummary): { text: string; warm: boolean } {
  if (s.headline) return { text: `${headlineText(s.headline)}, warm`, warm: true };
  const r = ratio(s.local.kernelMs, s.remote.kernelMs);
  return { text: r ? `kernel alone: remote ÷ browser ${r.text}` : '—', warm: false };
}
