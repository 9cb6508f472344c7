/** A designed error state: what happened, how to fix it, and where (field paths, line:col). */
import { formatBytes } from '../../core/format';
import type { SideError } from '../lib/side-state';
import { InlineCode } from './InlineCode';
import { RetryButton } from './RetryButton';

export function ErrorCallout({
  error,
  testId,
  onRetry,
}: {
  error: SideError;
  testId?: string;
  /** Offered for busy / rate-limited daemons (after their Retry-After) and a lost WebGPU device. */
  onRetry?: (() => void) | undefined;
}) {
  return (
    <div
      role="alert"
      data-testid={testId}
      data-error-kind={error.kind}
      className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-950 dark:border-rose-900 dark:bg-rose-950/40 dark:text-rose-100"
    >
      <p className="font-semibold">{error.title}</p>
      <p className="mt-1 whitespace-pre-wrap break-words font-mono text-xs opacity-90">{error.message}</p>
      {error.hint && (
        <p className="mt-2 leading-relaxed">
          <InlineCode text={error.hint} />
        </p>
      )}
      {error.limit && <LimitLine limit={error.limit} busy={error.kind === 'busy'} />}
      {error.issues && error.issues.length > 0 && (
        <ul className="mt-2 space-y-0.5 font-mono text-xs">
          {error.issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <span className="font-semibold">{i.path}</span>: {i.message}
            </li>
          ))}
        </ul>
      )}
      {error.diagnostics && error.diagnostics.length > 0 && (
        <ul className="mt-2 space-y-0.5 font-mono text-xs">
          {error.diagnostics.map((d) => (
            <li key={`${d.line}:${d.col}:${d.message}`}>
              {d.source} {d.line}:{d.col}: {d.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (error.kind === 'busy' || error.kind === 'lost' || error.retryAfterS !== undefined) && (
        <RetryButton
          afterS={error.retryAfterS ?? 0}
          onRetry={onRetry}
          label={error.kind === 'lost' ? 'Run again' : 'Retry now'}
        />
      )}
      {error.log && (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs font-medium">compiler output</summary>
          <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap font-mono text-[11px]">
            {error.log}
          </pre>
        </details>
      )}
    </div>
  );
}

/** Which daemon limit refused the run, the daemon's value, and what this run asked for. */
function LimitLine({ limit, busy }: { limit: NonNullable<SideError['limit']>; busy: boolean }) {
  const bytes = /Bytes$/.test(limit.name);
  const show = (n: number) =>
    bytes ? `${formatBytes(n)} (${n.toLocaleString('en-US')} bytes)` : n.toLocaleString('en-US');
  return (
    <p
      className="mt-2 font-mono text-xs"
      data-testid="error-limit"
      data-limit-name={limit.name}
      data-limit-max={limit.max}
    >
      <span className="font-semibold">{limit.name}</span> = {show(limit.max)} on this daemon;{' '}
      {busy ? `now at ${show(limit.value)}` : `this run asks for ${show(limit.value)}`}
    </p>
  );
}
