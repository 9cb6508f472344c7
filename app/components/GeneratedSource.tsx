/** The CUDA C++ the translator makes of the kernel (what the daemon compiles), on demand. */
export function GeneratedSource({ code }: { code: string | null }) {
  return (
    <details className="rounded-lg border border-zinc-200 bg-white text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <summary className="cursor-pointer px-3 py-2 text-xs font-semibold uppercase tracking-wider text-zinc-500 dark:text-zinc-400">
        Generated CUDA
      </summary>
      {code ? (
        <pre
          data-testid="generated-cuda"
          className="max-h-[32rem] overflow-auto border-t border-zinc-200 p-3 font-mono text-xs leading-5 dark:border-zinc-800"
        >
          {code}
        </pre>
      ) : (
        <p className="border-t border-zinc-200 p-3 text-xs text-zinc-500 dark:border-zinc-800">
          The kernel does not translate yet; see the diagnostics in the editor.
        </p>
      )}
    </details>
  );
}
