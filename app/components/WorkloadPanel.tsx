'use client';
/** The workload as editable JSON (everything but the WGSL), validated with field-path errors. */
import type { ReactNode } from 'react';
import type { WorkloadIssue } from '../../core/workload';
import { Panel } from './Panel';

export function WorkloadPanel({
  value,
  onChange,
  issues,
  onRun,
  above,
}: {
  value: string;
  onChange(v: string): void;
  issues: WorkloadIssue[];
  onRun(): void;
  /** Shown above the JSON: the preset's parameters. */
  above?: ReactNode;
}) {
  const invalid = issues.length > 0;
  return (
    <Panel
      title="Workload (JSON)"
      labelId="workload-title"
      className="min-h-[24rem]"
      aside={
        <span
          className={`text-xs ${invalid ? 'text-rose-600 dark:text-rose-400' : 'text-emerald-700 dark:text-emerald-400'}`}
        >
          {invalid ? 'invalid' : 'valid'}
        </span>
      }
    >
      {above}
      <label htmlFor="workload-json" className="sr-only">
        Workload JSON
      </label>
      <textarea
        id="workload-json"
        data-testid="workload-json"
        value={value}
        spellCheck={false}
        aria-invalid={invalid}
        aria-describedby={invalid ? 'workload-issues' : undefined}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onRun();
          }
        }}
        className="min-h-[16rem] flex-1 resize-none bg-transparent p-3 font-mono text-xs leading-5 outline-none focus-visible:ring-2 focus-visible:ring-sky-500/50"
      />
      {invalid && (
        <ul
          id="workload-issues"
          role="alert"
          data-testid="workload-issues"
          className="max-h-32 overflow-auto border-t border-rose-200 bg-rose-50 px-3 py-2 font-mono text-xs text-rose-800 dark:border-rose-900 dark:bg-rose-950/40 dark:text-rose-200"
        >
          {issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              invalid workload: <span className="font-semibold">{i.path}</span>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
