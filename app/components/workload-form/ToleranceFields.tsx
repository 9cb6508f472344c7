'use client';
/**
 * An output's tolerance (ulp, abs, rel; empty = the default, core/compare.ts). For a storage texture
 * of a normalized format a ULP is one stored step (core/texture-compare.ts).
 */
import { isRecord, type RawBinding, without } from '../../lib/workload-form';
import { NumberField } from './fields';

export function ToleranceFields({
  binding: b,
  onChange,
}: {
  binding: RawBinding;
  onChange(b: RawBinding): void;
}) {
  const name = String(b.name ?? '?');
  const tolerance = isRecord(b.tolerance) ? b.tolerance : {};
  const setTolerance = (key: string, v: number | undefined) => {
    const next = v === undefined ? without(tolerance, key) : { ...tolerance, [key]: v };
    onChange(Object.keys(next).length ? { ...b, tolerance: next } : without(b, 'tolerance'));
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      <span className="text-xs text-zinc-600 dark:text-zinc-400">tolerance</span>
      {(['ulp', 'abs', 'rel'] as const).map((k) => (
        <NumberField
          key={k}
          label={k}
          optional
          min={0}
          integer={k === 'ulp'}
          width="w-20"
          placeholder="default"
          testId={`tolerance-${k}-${name}`}
          value={typeof tolerance[k] === 'number' ? (tolerance[k] as number) : undefined}
          onCommit={(v) => setTolerance(k, v)}
        />
      ))}
    </div>
  );
}
