'use client';
/** The preset's named parameters (problem size, tile size, …): changing one re-resolves the workload. */
import type { PagePreset } from '../../server/presets';
import type { ParamProblem } from '../hooks/usePlaygroundSource';

export function PresetParams({
  preset,
  values,
  problem,
  onChange,
}: {
  preset: PagePreset;
  values: Record<string, number>;
  problem: ParamProblem | null;
  onChange(name: string, value: number): void;
}) {
  const entries = Object.entries(preset.params);
  return (
    <div className="border-b border-zinc-200 px-3 py-2 dark:border-zinc-800" data-testid="preset-params">
      <p className="text-xs text-zinc-600 dark:text-zinc-300">{preset.summary}</p>
      {entries.length > 0 && (
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
          {entries.map(([name, spec]) => {
            const id = `param-${name}`;
            return (
              <div key={name} className="flex items-center gap-1.5 text-xs" title={spec.description}>
                <label htmlFor={id} className="font-mono font-semibold">
                  {name}
                </label>
                <input
                  id={id}
                  type="number"
                  inputMode="decimal"
                  min={spec.min}
                  max={spec.max}
                  step={spec.integer === false ? 'any' : (spec.multipleOf ?? 1)}
                  value={Number.isFinite(values[name]) ? values[name] : ''}
                  aria-describedby={`${id}-description`}
                  onChange={(e) => {
                    if (e.target.value !== '') onChange(name, Number(e.target.value));
                  }}
                  className="w-28 rounded border border-zinc-300 bg-white px-1.5 py-0.5 font-mono tabular-nums dark:border-zinc-700 dark:bg-zinc-950"
                />
                <span id={`${id}-description`} className="text-zinc-500 dark:text-zinc-400">
                  {spec.unit ?? ''}
                  <span className="sr-only"> {spec.description}</span>
                </span>
              </div>
            );
          })}
        </div>
      )}
      {problem && (
        <p
          role="alert"
          data-testid="param-problem"
          className="mt-1 font-mono text-xs text-rose-700 dark:text-rose-300"
        >
          {problem.path}: {problem.message}
        </p>
      )}
    </div>
  );
}
