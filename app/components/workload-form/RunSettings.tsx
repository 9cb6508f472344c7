'use client';
/**
 * Pipeline overrides the WGSL declares, the run's warmup and sample counts, and the daemon side's
 * two options: L2 flush between samples (CUDA) and FMA contraction.
 */
import { isRecord, type RawWorkload, without } from '../../lib/workload-form';
import { LABEL, NumberField } from './fields';

function Toggle({
  label,
  title,
  checked,
  testId,
  onChange,
}: {
  label: string;
  title: string;
  checked: boolean;
  testId: string;
  onChange(on: boolean): void;
}) {
  return (
    <label className={LABEL} title={title}>
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>{label}</span>
    </label>
  );
}

export function RunSettings({
  workload: w,
  overrides,
  onChange,
}: {
  workload: RawWorkload;
  overrides: { name: string; init: string | null }[];
  onChange(w: RawWorkload): void;
}) {
  const runs = isRecord(w.runs) ? w.runs : {};
  const set = isRecord(w.overrides) ? w.overrides : {};
  const setOverride = (name: string, v: number | undefined) => {
    const next = v === undefined ? without(set, name) : { ...set, [name]: v };
    onChange(Object.keys(next).length ? { ...w, overrides: next } : without(w, 'overrides'));
  };
  // Other keys of `runs` stay as they are; an option switched off leaves the JSON.
  const setRuns = (patch: Record<string, unknown>) => {
    let next: Record<string, unknown> = { warmup: 2, samples: 10, ...runs, ...patch };
    for (const flag of ['flushL2', 'fma']) if (next[flag] === false) next = without(next, flag);
    onChange({ ...w, runs: next });
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      {overrides.map((o) => (
        <NumberField
          key={o.name}
          label={`override ${o.name}`}
          optional
          testId={`override-${o.name}`}
          placeholder={o.init ?? 'required'}
          value={typeof set[o.name] === 'number' ? (set[o.name] as number) : undefined}
          onCommit={(v) => setOverride(o.name, v)}
        />
      ))}
      <NumberField
        label="warmup"
        integer
        min={0}
        width="w-16"
        testId="runs-warmup"
        value={typeof runs.warmup === 'number' ? runs.warmup : 2}
        onCommit={(v) => v !== undefined && setRuns({ warmup: v })}
      />
      <NumberField
        label="samples"
        integer
        min={1}
        width="w-16"
        testId="runs-samples"
        value={typeof runs.samples === 'number' ? runs.samples : 10}
        onCommit={(v) => v !== undefined && setRuns({ samples: v })}
      />
      <Toggle
        label="flush L2 (CUDA)"
        title="Daemon side, CUDA: write twice the L2 size before every sample, outside the timed region, so each sample starts with a cold L2"
        testId="runs-flush-l2"
        checked={runs.flushL2 === true}
        onChange={(on) => setRuns({ flushL2: on })}
      />
      <Toggle
        label="FMA contraction (daemon)"
        title="Daemon side: let the compiler fuse a*b+c into one rounding (NVRTC --fmad=true, g++ -ffp-contract=fast). Off by default, so float results stay comparable with the browser's"
        testId="runs-fma"
        checked={runs.fma === true}
        onChange={(on) => setRuns({ fma: on })}
      />
    </div>
  );
}
