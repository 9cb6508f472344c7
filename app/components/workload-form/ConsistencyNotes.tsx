/** What disagrees between the WGSL and the workload, each with its one-click fix. */
import type { Mismatch, RawWorkload } from '../../lib/workload-form';
import { BUTTON } from './fields';

export function ConsistencyNotes({
  mismatches,
  onFix,
}: {
  mismatches: Mismatch[];
  onFix(apply: (w: RawWorkload) => RawWorkload): void;
}) {
  if (mismatches.length === 0)
    return (
      <p className="text-xs text-emerald-700 dark:text-emerald-400" data-testid="form-consistent">
        The workload matches the WGSL’s bindings.
      </p>
    );
  return (
    <ul
      role="alert"
      data-testid="form-mismatches"
      className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
    >
      {mismatches.map((m) => (
        <li key={m.id} data-testid={`mismatch-${m.id}`} className="flex flex-wrap items-center gap-2">
          <span>{m.message}</span>
          {m.fix && (
            <button
              type="button"
              className={BUTTON}
              data-testid={`fix-${m.id}`}
              onClick={() => onFix(m.fix!.apply)}
            >
              {m.fix.label}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
