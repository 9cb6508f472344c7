'use client';
/**
 * The CUDA C++ the translator makes of the kernel (what the daemon compiles), updated as you type.
 * `// wgsl:LINE` markers link back to the WGSL line (click: the editor selects it); the editor's
 * cursor line highlights the CUDA it became. "Download .cu" adds a host harness (compiler/harness.ts).
 */
import { useMemo, useState } from 'react';
import type { Workload } from '../../core/workload';
import { downloadFile } from '../lib/download';
import { generatedLines } from '../lib/generated-lines';

const MODULE_MARKER = '// ---------------------------------------------------------------- module';

function useHarnessDownload(workload: Workload | null) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    if (!workload) return;
    setBusy(true);
    try {
      // The harness generator (and the translator it calls) loads only when asked for.
      const { buildCudaHarness } = await import('../../compiler/harness');
      const h = buildCudaHarness(workload);
      if (h.ok) {
        setProblem(null);
        downloadFile(h.fileName, h.source, 'text/x-cuda');
      } else setProblem(h.problems.join('\n'));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { download, problem, busy };
}

export function GeneratedSource({
  code,
  workload,
  cursorLine,
  onShowWgslLine,
}: {
  code: string | null;
  /** The valid workload the .cu harness is built for (null while the workload is invalid). */
  workload: Workload | null;
  cursorLine: number | null;
  onShowWgslLine(line: number): void;
}) {
  const [showPrelude, setShowPrelude] = useState(false);
  const harness = useHarnessDownload(workload);
  const lines = useMemo(() => {
    if (!code) return [];
    const all = generatedLines(code).map((l, i) => ({ ...l, number: i + 1 }));
    const start = all.findIndex((l) => l.text.startsWith(MODULE_MARKER));
    return showPrelude || start < 0 ? all : all.slice(start);
  }, [code, showPrelude]);
  return (
    <details className="rounded-lg border border-zinc-200 bg-white text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <summary className="cursor-pointer px-3 py-2 text-xs font-semibold uppercase tracking-wider text-zinc-600 dark:text-zinc-400">
        Generated CUDA
      </summary>
      <div className="flex flex-wrap items-center gap-3 border-t border-zinc-200 px-3 py-2 text-xs dark:border-zinc-800">
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={showPrelude} onChange={(e) => setShowPrelude(e.target.checked)} />
          show the runtime prelude
        </label>
        <button
          type="button"
          data-testid="download-cu"
          disabled={!workload || !code || harness.busy}
          onClick={() => void harness.download()}
          className="rounded-md border border-zinc-300 px-2 py-1 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Download standalone .cu
        </button>
        <span className="text-zinc-600 dark:text-zinc-400">
          kernel + host harness: <code className="font-mono">nvcc kernel.cu -o kernel</code>
        </span>
      </div>
      {harness.problem && (
        <p
          role="alert"
          className="whitespace-pre-wrap px-3 pb-2 font-mono text-xs text-rose-700 dark:text-rose-300"
        >
          {harness.problem}
        </p>
      )}
      {code ? (
        <pre
          data-testid="generated-cuda"
          className="max-h-[32rem] overflow-auto border-t border-zinc-200 py-2 font-mono text-xs leading-5 dark:border-zinc-800"
        >
          {lines.map((l) => (
            <div
              key={l.number}
              data-wgsl-line={l.wgslLine ?? undefined}
              className={`flex px-3 ${cursorLine !== null && l.wgslLine === cursorLine ? 'bg-amber-100 dark:bg-amber-900/40' : ''}`}
            >
              <span className="mr-3 w-10 shrink-0 select-none text-right text-zinc-500" aria-hidden>
                {l.number}
              </span>
              {l.marker && l.wgslLine !== null ? (
                <button
                  type="button"
                  data-testid="wgsl-link"
                  onClick={() => onShowWgslLine(l.wgslLine!)}
                  className="text-left text-sky-700 underline decoration-dotted hover:text-sky-900 dark:text-sky-300 dark:hover:text-sky-100"
                  title={`Show WGSL line ${l.wgslLine} in the editor`}
                >
                  {l.text}
                </button>
              ) : (
                <span className="whitespace-pre">{l.text}</span>
              )}
            </div>
          ))}
        </pre>
      ) : (
        <p className="border-t border-zinc-200 p-3 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          The kernel does not translate yet; see the diagnostics in the editor.
        </p>
      )}
    </details>
  );
}
