'use client';
/** The workload form, loaded on demand with its panel shown meanwhile; it folds away to a title line. */
import dynamic from 'next/dynamic';
import type { RawWorkload } from '../../lib/workload-form';

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
    <details
      open
      data-testid="workload-form-panel"
      className="group min-w-0 rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <summary className="cursor-pointer border-zinc-200 px-3 py-2 text-xs font-semibold uppercase tracking-wider text-zinc-600 group-open:border-b dark:border-zinc-800 dark:text-zinc-400">
        Workload (form, from the WGSL)
      </summary>
      <WorkloadForm {...props} />
    </details>
  );
}
