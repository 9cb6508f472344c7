'use client';
/**
 * The right half of the page: the comparison headline (verdict, timing bars, speed verdict) first,
 * so it is in view after a run without scrolling; then both sides' cards, the buffer inspector and
 * the run history. When a run settles, the verdict is scrolled into view (on narrow screens it sits
 * below the editor).
 */
import { type ReactNode, useEffect, useRef } from 'react';
import type { OutputComparison } from '../../core/compare';
import { ownEntry } from '../../core/named';
import type { Workload } from '../../core/workload';
import { outputImageOf } from '../lib/output-image';
import type { LocalState, RemoteState } from '../lib/side-state';
import { BufferInspector } from './BufferInspector';
import { ComparisonPending } from './ComparisonPending';
import { ImageCompare } from './ImageCompare';
import { TimingBars } from './TimingBars';
import { VerdictPanel } from './VerdictPanel';

interface ShownRun {
  workload: Workload | null;
  local: LocalState;
  remote: RemoteState;
  comparison: OutputComparison[] | null;
}

export function ResultsPane({
  shown,
  settledRun,
  viewingHistory,
  sides,
  history,
}: {
  shown: ShownRun;
  /** The number of the run that has just finished (null while one runs or before any). */
  settledRun: number | null;
  /** The "showing run #N from the history" notice, while an older run is shown. */
  viewingHistory: ReactNode;
  sides: ReactNode;
  history: ReactNode;
}) {
  const verdictRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (settledRun !== null) verdictRef.current?.scrollIntoView({ block: 'nearest' });
  }, [settledRun]);
  return (
    <section
      id="results"
      tabIndex={-1}
      aria-label="Results"
      className="@container flex min-w-0 flex-col gap-3 outline-none focus-visible:ring-2"
    >
      {viewingHistory}
      <div ref={verdictRef} className="scroll-mt-2">
        <VerdictPanel
          comparisons={shown.comparison}
          waiting={
            <ComparisonPending
              local={shown.local}
              remote={shown.remote}
              idleText="Press Run to execute the kernel on both sides; the outputs are compared element by element."
            />
          }
          above={
            shown.local.status === 'done' &&
            shown.remote.status === 'done' && (
              <TimingBars local={shown.local.result.timings} remote={shown.remote.result.timings} />
            )
          }
          renderExtra={(c) => {
            const view = outputImageOf(shown.workload?.bindings.find((x) => x.name === c.name));
            if (!view || shown.local.status !== 'done' || shown.remote.status !== 'done') return null;
            const l = ownEntry(shown.local.result.outputs, c.name);
            const r = ownEntry(shown.remote.result.outputs, c.name);
            if (!l || !r) return null;
            return (
              <ImageCompare name={c.name} element={view.element} spec={view.spec} local={l} remote={r} />
            );
          }}
        />
      </div>
      {sides}
      {shown.workload && (shown.local.status === 'done' || shown.remote.status === 'done') && (
        <BufferInspector
          workload={shown.workload}
          local={shown.local.status === 'done' ? shown.local.result : null}
          remote={shown.remote.status === 'done' ? shown.remote.result : null}
        />
      )}
      {history}
    </section>
  );
}
