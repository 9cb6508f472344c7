'use client';
/** The workload form, loaded on demand with its panel shown meanwhile. */
import dynamic from 'next/dynamic';
import type { RawWorkload } from '../../lib/workload-form';
import { Panel } from '../Panel';

const WorkloadForm = dynamic(() => import('./WorkloadForm'), {
  ssr: false,
  loading: () => (
    <p className="p-3 text-xs text-zinc-600 dark:text-zinc-400" data-testid="form-loading">
      Loading the form…
    </p>
  ),
});

export function WorkloadFormPanel(props: {
  wgsl: string;
  workloadJson: string;
  onUpdate(fn: (w: RawWorkload) => RawWorkload): void;
  /** How many WGSL/workload mismatches the form reports (0 while it cannot tell). */
  onMismatches?(count: number): void;
}) {
  return (
    <Panel title="Workload (form, from the WGSL)" labelId="workload-form-title">
      <WorkloadForm {...props} />
    </Panel>
  );
}
