/** One side of the duet: running phase, result (device, timings, outputs) or a designed error. */
import type { ReactNode } from 'react';
import type { Workload } from '../../core/workload';
import { ranOnLabel } from '../lib/daemon-choice';
import type { RemoteExtras, SideState } from '../lib/side-state';
import { DeviceSummary } from './DeviceSummary';
import { ErrorCallout } from './ErrorCallout';
import { OutputPreview } from './OutputPreview';
import { Panel } from './Panel';
import { SideWarnings } from './SideWarnings';
import { TimingsTable } from './TimingsTable';

export function SidePanel({
  side,
  title,
  state,
  workload,
  idleText,
  notice,
  device,
  onCancel,
  onRetry,
}: {
  side: 'local' | 'remote';
  title: string;
  state: SideState<RemoteExtras | undefined>;
  workload: Workload | null;
  idleText: ReactNode;
  notice?: ReactNode;
  /** What this side runs on, shown until a result replaces it. */
  device?: ReactNode;
  onCancel?(): void;
  onRetry?: (() => void) | undefined;
}) {
  return (
    <Panel
      title={title}
      labelId={`${side}-title`}
      testId={`side-${side}`}
      aside={
        <span
          data-testid={`${side}-status`}
          className="text-xs text-zinc-600 dark:text-zinc-400"
          aria-live="polite"
        >
          {state.status === 'running' ? state.phase : state.status === 'idle' ? 'ready' : state.status}
        </span>
      }
    >
      <div className="space-y-3 p-3">
        {notice}
        {state.status === 'idle' && <p className="text-sm text-zinc-600 dark:text-zinc-400">{idleText}</p>}
        {state.status !== 'done' && device}
        {state.status === 'running' && (
          <div className="flex items-center gap-3">
            <p
              className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300"
              role="status"
              data-testid={`${side}-phase`}
            >
              <span className="inline-block size-2 animate-pulse rounded-full bg-sky-500" aria-hidden />
              {state.phase}…
            </p>
            {onCancel && (
              <button
                type="button"
                data-testid={`${side}-cancel`}
                onClick={onCancel}
                className="rounded-md border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                Cancel
              </button>
            )}
          </div>
        )}
        {state.status === 'error' && (
          <ErrorCallout error={state.error} testId={`${side}-error`} onRetry={onRetry} />
        )}
        {state.status === 'done' && (
          <>
            <DeviceSummary
              backend={state.result.backend}
              device={state.result.device}
              host={state.extra ? ranOnLabel(state.extra) : undefined}
            />
            <SideWarnings warnings={state.result.warnings} testId={`${side}-warnings`} />
            <TimingsTable timings={state.result.timings} remote={state.extra} metrics={workload?.metrics} />
            {workload && <OutputPreview workload={workload} outputs={state.result.outputs} />}
          </>
        )}
      </div>
    </Panel>
  );
}
