/**
 * The sentence a screen reader hears when a run starts or ends (the page's polite live region): each
 * side's outcome, whether the outputs agree, and the warm verdict.
 */
import { type OutputComparison, overallVerdict } from '../../core/compare';
import { speedVerdict } from '../../core/timing-summary';
import type { SideState } from './side-state';

function sideText(name: string, s: SideState<unknown>): string {
  if (s.status === 'error') return `${name} failed: ${s.error.title}`;
  if (s.status === 'done') return `${name} done`;
  return '';
}

export function runAnnouncement(
  running: boolean,
  local: SideState<unknown>,
  remote: SideState<unknown>,
  comparisons: OutputComparison[] | null,
): string {
  if (running) return 'Running on both sides…';
  const parts = [sideText('Browser', local), sideText('Remote', remote)].filter(Boolean);
  if (parts.length === 0) return '';
  if (comparisons) parts.push(overallVerdict(comparisons) === 'agree' ? 'outputs agree' : 'outputs disagree');
  if (local.status === 'done' && remote.status === 'done')
    parts.push(speedVerdict(local.result.timings, remote.result.timings).endToEnd);
  return `Run finished. ${parts.join('. ')}.`;
}
