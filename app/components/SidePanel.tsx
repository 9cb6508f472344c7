/** One side of the duet: running phase, result (device, timings, outputs) or a designed error. */
import type { ReactNode } from 'react';
import type { Workload } from '../../core/workload';
import type { RemoteExtras, SideState } from '../lib/side-state';
import { DeviceSummary } from './DeviceSummary';
import { ErrorCallout } from './ErrorCallout';
import { OutputPreview } from './OutputPreview';
import { Panel } from './Panel';
import { TimingsTable } from './TimingsTable';

export function SidePanel({
  side,
  title,
  state,
  workload,
  idleText,
  notice,
}: {
  side: 'local' | 'remote';
  title: string;
  state: SideState<RemoteExtras | undefined>;
  workload: Workload | null;
  idleText: ReactNode;
  notice?: ReactNode;
}) {
  return (
    <Panel
      title={title}
      labelId={`${side}-title`}
      testId={`side-${side}`}
      aside={
        <span data-testid={`${side}-status`} className="text-xs text-zinc-500" aria-live="polite">
          {state.status === 'running' ? state.phase : state.status === 'idle' ? 'ready' : state.status}
        </span>
      }
    >
      <div className="space-y-3 p-3">
        {notice}
        {state.status === 'idle' && <p className="text-sm text-zinc-500 dark:text-zinc-400">{idleText}</p>}
        {state.status === 'running' && (
          <p className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-300" role="status">
            <span className="inline-block size-2 animate-pulse rounded-full bg-sky-500" aria-hidden />
            {state.phase}…
          </p>
        )}
        {state.status === 'error' && <ErrorCallout error={state.error} testId={`${side}-error`} />}
        {state.status === 'done' && (
          <>
            <DeviceSummary backend={state.result.backend} device={state.result.device} />
            <TimingsTable timings={state.result.timings} remote={state.extra} metrics={workload?.metrics} />
            {workload && <OutputPreview workload={workload} outputs={state.result.outputs} />}
          </>
        )}
      </div>
    </Panel>
  );
}
