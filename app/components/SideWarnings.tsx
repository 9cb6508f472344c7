/** What the executor said about a run beyond its numbers (SideResult.warnings), shown above them. */
export function SideWarnings({ warnings, testId }: { warnings?: string[] | undefined; testId: string }) {
  if (!warnings?.length) return null;
  return (
    <ul
      data-testid={testId}
      className="space-y-0.5 rounded-md border border-amber-300 bg-amber-50 p-2 text-xs leading-snug text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
    >
      {warnings.map((w, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, shown once per result
        <li key={i}>{w}</li>
      ))}
    </ul>
  );
}
