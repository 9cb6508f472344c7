'use client';
/** Multi-pass workloads: each pass's entry point and dispatch; long lists (bitonic sort) fold after a few. */
import { useState } from 'react';
import type { EntryPointInfo } from '#compiler';
import { asDispatch, type Dispatch3 } from '../../lib/workload-form';
import { DispatchEditor } from './DispatchEditor';
import { BUTTON } from './fields';

const SHOWN = 4;

export function PassList({
  passes,
  entryPoints,
  onPatch,
}: {
  passes: Record<string, unknown>[];
  entryPoints: EntryPointInfo[];
  onPatch(index: number, patch: { entryPoint?: string; dispatch?: Dispatch3 }): void;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? passes : passes.slice(0, SHOWN);
  return (
    <div className="space-y-2" data-testid="pass-list">
      {shown.map((p, i) => (
        <DispatchEditor
          // biome-ignore lint/suspicious/noArrayIndexKey: a pass has no identity but its position
          key={i}
          label={`pass ${i + 1} of ${passes.length}`}
          testPrefix={`pass-${i}-`}
          entryPoint={typeof p.entryPoint === 'string' ? p.entryPoint : undefined}
          entryPoints={entryPoints}
          dispatch={asDispatch(p.dispatch)}
          onEntryPoint={(entryPoint) => onPatch(i, { entryPoint })}
          onDispatch={(dispatch) => onPatch(i, { dispatch })}
        />
      ))}
      {passes.length > SHOWN && (
        <button type="button" className={BUTTON} onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? `Show the first ${SHOWN} passes only` : `Show all ${passes.length} passes`}
        </button>
      )}
    </div>
  );
}
