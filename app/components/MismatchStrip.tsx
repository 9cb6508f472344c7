/** Where in the output the mismatches are: one cell per histogram bucket, darker = more. */
export function MismatchStrip({
  histogram,
  bucketSize,
  count,
}: {
  histogram: number[];
  bucketSize: number;
  count: number;
}) {
  const peak = Math.max(1, ...histogram);
  return (
    <figure className="max-w-xl">
      <div
        className="flex h-3 overflow-hidden rounded border border-zinc-200 dark:border-zinc-700"
        role="img"
        aria-label="Mismatches by position"
      >
        {histogram.map((n, i) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positional
            key={i}
            className="h-full flex-1 bg-rose-500"
            style={{ opacity: n === 0 ? 0.05 : 0.25 + (0.75 * n) / peak }}
            title={`elements ${i * bucketSize}–${Math.min(count, (i + 1) * bucketSize) - 1}: ${n} mismatches`}
          />
        ))}
      </div>
      <figcaption className="mt-0.5 flex justify-between text-[10px] text-zinc-500">
        <span>0</span>
        <span>mismatches by position</span>
        <span>{count - 1}</span>
      </figcaption>
    </figure>
  );
}
