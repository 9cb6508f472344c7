'use client';
/**
 * The WGSL panel: CodeMirror loaded on demand (a plain preview until then) and the list of
 * diagnostics under it, each marked with the compiler that reported it.
 */
import dynamic from 'next/dynamic';
import type { SourceDiagnostic } from '../lib/diagnostics';
import { Panel } from './Panel';

const WgslEditor = dynamic(() => import('./editor/WgslEditor'), {
  ssr: false,
  loading: () => (
    <p className="p-3 font-mono text-xs text-zinc-500" role="status">
      Loading editor…
    </p>
  ),
});

export function SourceEditor({
  value,
  onChange,
  onRun,
  diagnostics,
  translating,
  reveal = null,
  onCursorLine,
}: {
  value: string;
  onChange(v: string): void;
  onRun(): void;
  diagnostics: SourceDiagnostic[];
  translating: boolean;
  reveal?: { line: number } | null;
  onCursorLine?(line: number): void;
}) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <Panel
      title="Kernel (WGSL)"
      labelId="source-title"
      className="h-full min-h-[20rem]"
      aside={
        <span className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {translating
            ? 'checking…'
            : errors
              ? `${errors} error${errors > 1 ? 's' : ''}`
              : 'translates cleanly'}
        </span>
      }
    >
      <div className="min-h-0 flex-1">
        <WgslEditor
          value={value}
          onChange={onChange}
          onRun={onRun}
          diagnostics={diagnostics}
          label="WGSL kernel source"
          reveal={reveal}
          {...(onCursorLine ? { onCursorLine } : {})}
        />
      </div>
      {diagnostics.length > 0 && (
        <ul
          aria-label="Kernel diagnostics"
          data-testid="diagnostics"
          className="max-h-32 overflow-auto border-t border-zinc-200 px-3 py-2 font-mono text-xs dark:border-zinc-800"
        >
          {diagnostics.map((d) => (
            <li
              key={`${d.source}:${d.line}:${d.col}:${d.message}`}
              className={
                d.severity === 'error'
                  ? 'text-rose-700 dark:text-rose-300'
                  : 'text-amber-700 dark:text-amber-300'
              }
            >
              <span className="mr-2 rounded bg-zinc-100 px-1 text-[10px] uppercase tracking-wide text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
                {d.source}
              </span>
              {d.line}:{d.col}: {d.severity}: {d.message}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
