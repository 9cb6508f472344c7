/**
 * What the comparison panel says before it has two sets of outputs to compare. A side that failed
 * is named with its error at once, while the other side may still be running: the comparison can
 * no longer happen, and waiting for the other side would only hide why.
 */
import type { SideError, SideState } from './side-state';

export type Side = 'local' | 'remote';

export type ComparisonStatus =
  | { kind: 'idle' }
  | { kind: 'waiting' }
  | { kind: 'failed'; failures: { side: Side; error: SideError }[]; otherRunning: boolean }
  /** Neither side failed, yet there is nothing to compare (a history entry without outputs). */
  | { kind: 'no-outputs' };

export function comparisonStatus(local: SideState<unknown>, remote: SideState<unknown>): ComparisonStatus {
  const failures: { side: Side; error: SideError }[] = [];
  if (local.status === 'error') failures.push({ side: 'local', error: local.error });
  if (remote.status === 'error') failures.push({ side: 'remote', error: remote.error });
  if (failures.length) {
    const otherRunning = local.status === 'running' || remote.status === 'running';
    return { kind: 'failed', failures, otherRunning };
  }
  if (local.status === 'idle' && remote.status === 'idle') return { kind: 'idle' };
  if (local.status === 'running' || remote.status === 'running') return { kind: 'waiting' };
  return { kind: 'no-outputs' };
}

export const SIDE_NAMES: Record<Side, string> = { local: 'this browser (WebGPU)', remote: 'the remote side' };
