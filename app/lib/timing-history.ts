/**
 * What the run history shows for one side of a run: the warm total (the same number the verdict
 * compares, `warmTotalMs`), the cold cost (translate + compile) apart from it, the kernel median and
 * the device. A compile-cache miss changes only the cold column, so a run and its re-run line up.
 */

import { formatMs } from '../../core/format';
import { cacheLabel, coldMs, warmTotalMs } from '../../core/timing-summary';
import type { SideState } from './side-state';

export interface HistorySideSummary {
  warm: string;
  cold: string;
  kernel: string;
  device: string;
}

export function historySideSummary(s: SideState<unknown>): HistorySideSummary {
  if (s.status !== 'done') {
    const state = s.status === 'error' ? s.error.title : s.status;
    return { warm: state, cold: '—', kernel: '—', device: '—' };
  }
  const t = s.result.timings;
  const cache = cacheLabel(t);
  return {
    warm: formatMs(warmTotalMs(t)),
    cold: cache ? `${formatMs(coldMs(t))} (${cache})` : formatMs(coldMs(t)),
    kernel: formatMs(t.kernel.median),
    device: s.result.device.name,
  };
}
