/**
 * The comparison panel's text until both sides have outputs: a failed side's error at once (the
 * comparison cannot happen any more, whether or not the other side is still running), else why
 * there is nothing yet.
 */
import { comparisonStatus, SIDE_NAMES } from '../lib/comparison-status';
import type { SideState } from '../lib/side-state';

export function ComparisonPending({
  local,
  remote,
  idleText,
}: {
  local: SideState<unknown>;
  remote: SideState<unknown>;
  idleText: string;
}) {
  const s = comparisonStatus(local, remote);
  if (s.kind === 'idle') return <p data-testid="comparison-pending">{idleText}</p>;
  if (s.kind === 'waiting') return <p data-testid="comparison-pending">Waiting for both sides…</p>;
  if (s.kind === 'no-outputs')
    return (
      <p data-testid="comparison-pending">No comparison: one side did not produce outputs (see its panel).</p>
    );
  return (
    <div data-testid="comparison-pending" className="space-y-1">
      {s.failures.map(({ side, error }) => (
        <p
          key={side}
          data-testid="comparison-side-error"
          data-side={side}
          data-error-kind={error.kind}
          className="text-rose-700 dark:text-rose-300"
        >
          No comparison: {SIDE_NAMES[side]} failed. <span className="font-semibold">{error.title}</span>:{' '}
          <span className="font-mono text-xs">{error.message}</span>
        </p>
      ))}
      {s.otherRunning && (
        <p data-testid="comparison-other-running">
          The other side is still running; its result shows in its panel.
        </p>
      )}
    </div>
  );
}
