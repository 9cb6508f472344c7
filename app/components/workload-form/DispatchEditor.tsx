'use client';
/** Entry point and dispatch size of one pass, with "cover N elements": ⌈N / workgroup size⌉ per dimension. */
import { useState } from 'react';
import type { EntryPointInfo } from '#compiler';
import { coverDispatch, type Dispatch3 } from '../../lib/workload-form';
import { BUTTON, INPUT, LABEL, NumberField } from './fields';

const AXES = ['x', 'y', 'z'] as const;

export function DispatchEditor({
  label,
  entryPoint,
  entryPoints,
  dispatch,
  onEntryPoint,
  onDispatch,
  testPrefix,
}: {
  label: string;
  entryPoint: string | undefined;
  entryPoints: EntryPointInfo[];
  dispatch: Dispatch3 | null;
  onEntryPoint(name: string): void;
  onDispatch(d: Dispatch3): void;
  testPrefix: string;
}) {
  const compute = entryPoints.filter((e) => e.stage === 'compute');
  const entry = compute.find((e) => e.name === entryPoint);
  const wg: Dispatch3 = entry?.workgroupSize ?? [1, 1, 1];
  const d: Dispatch3 = dispatch ?? [1, 1, 1];
  const [cover, setCover] = useState<Dispatch3>(() => [d[0] * wg[0], d[1] * wg[1], d[2] * wg[2]]);
  return (
    <fieldset className="space-y-1">
      <legend className="text-xs font-semibold">{label}</legend>
      <div className="flex flex-wrap items-center gap-3">
        <label className={LABEL}>
          <span>entry point</span>
          <select
            data-testid={`${testPrefix}entry-point`}
            value={entryPoint ?? ''}
            onChange={(e) => onEntryPoint(e.target.value)}
            className={INPUT}
          >
            {!entry && (
              <option value={entryPoint ?? ''}>
                {entryPoint ? `${entryPoint} (not in the WGSL)` : '(none)'}
              </option>
            )}
            {compute.map((e) => (
              <option key={e.name} value={e.name}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <span
          className="text-xs text-zinc-600 dark:text-zinc-400"
          data-testid={`${testPrefix}workgroup-size`}
        >
          @workgroup_size({wg.join(', ')})
        </span>
        {AXES.map((axis, i) => (
          <NumberField
            key={axis}
            label={`dispatch ${axis}`}
            integer
            min={1}
            width="w-20"
            testId={`${testPrefix}dispatch-${axis}`}
            value={d[i]}
            onCommit={(v) => {
              if (v === undefined) return;
              const next = [...d] as Dispatch3;
              next[i] = v;
              onDispatch(next);
            }}
          />
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-xs text-zinc-600 dark:text-zinc-400">cover N elements</span>
        {AXES.map((axis, i) => (
          <NumberField
            key={axis}
            label={`N ${axis}`}
            integer
            min={1}
            width="w-24"
            testId={`${testPrefix}cover-${axis}`}
            value={cover[i]}
            onCommit={(v) => {
              if (v === undefined) return;
              const next = [...cover] as Dispatch3;
              next[i] = v;
              setCover(next);
            }}
          />
        ))}
        <button
          type="button"
          className={BUTTON}
          data-testid={`${testPrefix}cover`}
          onClick={() => onDispatch(coverDispatch(cover, wg))}
        >
          Cover → {coverDispatch(cover, wg).join(' × ')} workgroups
        </button>
      </div>
    </fieldset>
  );
}
