'use client';
/**
 * The CUDA C++ the translator makes of the kernel (what the daemon compiles), updated as you type,
 * shown beside the WGSL in the editor's "Generated CUDA/C++" tab. `// wgsl:LINE` markers link back
 * to the WGSL line (click: the editor selects it); the editor's cursor line highlights the C++ it
 * became (editor/CppView.tsx). "Download .cu" adds a host harness (compiler/harness.ts).
 */
import dynamic from 'next/dynamic';
import { useMemo, useState } from 'react';
import type { Workload } from '../../core/workload';
import { downloadFile } from '../lib/download';
import { generatedLines } from '../lib/generated-lines';

const CppView = dynamic(() => import('./editor/CppView'), {
  ssr: false,
  loading: () => (
    <p className="p-3 font-mono text-xs text-zinc-600 dark:text-zinc-400" role="status">
      Loading the C++ view…
    </p>
  ),
});

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
  const shown = useMemo(() => {
    if (!code) return { lines: [], firstLine: 1 };
    const all = generatedLines(code);
    const start = all.findIndex((l) => l.text.startsWith(MODULE_MARKER));
    return showPrelude || start < 0
      ? { lines: all, firstLine: 1 }
      : { lines: all.slice(start), firstLine: start + 1 };
  }, [code, showPrelude]);
  return (
    <section
      aria-labelledby="generated-title"
      className="flex h-full min-h-[24rem] min-w-0 flex-col rounded-lg border border-zinc-200 bg-white text-sm shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-zinc-200 px-3 py-2 text-xs dark:border-zinc-800">
        <h2
          id="generated-title"
          className="font-semibold uppercase tracking-wider text-zinc-600 dark:text-zinc-400"
        >
          Generated CUDA C++
        </h2>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={showPrelude} onChange={(e) => setShowPrelude(e.target.checked)} />
          runtime prelude
        </label>
        <button
          type="button"
          data-testid="download-cu"
          disabled={!workload || !code || harness.busy}
          onClick={() => void harness.download()}
          title="kernel + host harness: nvcc kernel.cu -o kernel"
          className="rounded-md border border-zinc-300 px-2 py-1 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Download standalone .cu
        </button>
      </header>
      {harness.problem && (
        <p
          role="alert"
          className="whitespace-pre-wrap px-3 py-2 font-mono text-xs text-rose-700 dark:text-rose-300"
        >
          {harness.problem}
        </p>
      )}
      {code ? (
        <div data-testid="generated-cuda" className="min-h-0 flex-1">
          <CppView
            lines={shown.lines}
            firstLine={shown.firstLine}
            linkedWgslLine={cursorLine}
            onShowWgslLine={onShowWgslLine}
            label="Generated CUDA C++ (read-only)"
          />
        </div>
      ) : (
        <p className="p-3 text-xs text-zinc-600 dark:text-zinc-400">
          The kernel does not translate yet; see the diagnostics in the editor.
        </p>
      )}
    </section>
  );
}
