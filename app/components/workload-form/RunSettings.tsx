'use client';
/** Pipeline overrides the WGSL declares, and the run's warmup and sample counts. */
import { isRecord, type RawWorkload, without } from '../../lib/workload-form';
import { NumberField } from './fields';

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
        onCommit={(v) =>
          v !== undefined && onChange({ ...w, runs: { warmup: v, samples: runs.samples ?? 10 } })
        }
      />
      <NumberField
        label="samples"
        integer
        min={1}
        width="w-16"
        testId="runs-samples"
        value={typeof runs.samples === 'number' ? runs.samples : 10}
        onCommit={(v) =>
          v !== undefined && onChange({ ...w, runs: { warmup: runs.warmup ?? 2, samples: v } })
        }
      />
    </div>
  );
}
