'use client';
/**
 * The workload as a form derived from the WGSL (the translator's `reflect`, run in this browser): the
 * binding table, per-binding settings, uniform fields, dispatch, overrides and run counts. It edits
 * the same JSON text as the workload panel (usePlaygroundSource's `updateWorkload`), and says where the
 * WGSL and the workload disagree, with a fix for each. Loaded on demand (it bundles the translator's
 * front end), so it stays out of the page's first load.
 */
import { useEffect, useMemo } from 'react';
import { reflect } from '#compiler';
import { useDebounced } from '../../hooks/useDebounced';
import {
  asDispatch,
  checkConsistency,
  declaredOverrides,
  isRecord,
  parseRawWorkload,
  type RawWorkload,
  rawBindings,
  slotKey,
  updateBinding,
} from '../../lib/workload-form';
import { BindingEditor } from './BindingEditor';
import { BindingTable } from './BindingTable';
import { ConsistencyNotes } from './ConsistencyNotes';
import { DispatchEditor } from './DispatchEditor';
import { PassList } from './PassList';
import { RunSettings } from './RunSettings';

const NOTE = 'rounded-md border border-zinc-200 p-2 text-xs dark:border-zinc-800';

export default function WorkloadForm({
  wgsl,
  workloadJson,
  onUpdate,
  onMismatches,
}: {
  wgsl: string;
  workloadJson: string;
  onUpdate(fn: (w: RawWorkload) => RawWorkload): void;
  /** The page disables Run while the form reports mismatches (a run would fail or mislead). */
  onMismatches?(count: number): void;
}) {
  const source = useDebounced(wgsl, 250);
  const w = useMemo(() => parseRawWorkload(workloadJson), [workloadJson]);
  const overrideValues = useMemo(() => {
    if (!w || !isRecord(w.overrides)) return undefined;
    const entries = Object.entries(w.overrides).filter(
      (e): e is [string, number] => typeof e[1] === 'number',
    );
    return Object.fromEntries(entries);
  }, [w]);
  const overrideKey = JSON.stringify(overrideValues ?? {});
  // biome-ignore lint/correctness/useExhaustiveDependencies: overrideKey stands for overrideValues by value
  const reflection = useMemo(
    () => reflect(source, { overrides: overrideValues ?? {} }),
    [source, overrideKey],
  );
  const overrides = useMemo(() => declaredOverrides(source), [source]);
  const mismatches = useMemo(
    () =>
      w && reflection.ok
        ? checkConsistency(
            w,
            reflection.bindings,
            overrides.map((o) => o.name),
          )
        : [],
    [w, reflection, overrides],
  );
  // Only while the form shows the WGSL the page holds: a debounced, older source must not block Run.
  const count = source === wgsl ? mismatches.length : 0;
  useEffect(() => onMismatches?.(count), [onMismatches, count]);
  useEffect(() => () => onMismatches?.(0), [onMismatches]);

  if (!w)
    return (
      <p className={NOTE} data-testid="form-unavailable">
        The workload JSON does not parse; fix it in the JSON panel and the form comes back.
      </p>
    );
  if (!reflection.ok)
    return (
      <p className={NOTE} data-testid="form-unavailable">
        The form follows the WGSL’s declarations, and the WGSL does not parse:{' '}
        {reflection.diagnostics[0]
          ? `${reflection.diagnostics[0].line}:${reflection.diagnostics[0].col}: ${reflection.diagnostics[0].message}`
          : 'unknown error'}
        . The JSON panel still edits the workload.
      </p>
    );

  const bindings = rawBindings(w);
  const info = new Map(reflection.bindings.map((r) => [slotKey(r.group, r.binding), r]));
  const passes = Array.isArray(w.passes) ? w.passes.filter(isRecord) : null;

  return (
    <div className="space-y-3 p-3" data-testid="workload-form">
      <ConsistencyNotes mismatches={mismatches} onFix={onUpdate} />
      <BindingTable reflected={reflection.bindings} bindings={bindings} />
      <div className="grid gap-3 xl:grid-cols-2">
        {bindings.map((b, i) => (
          <div key={`${slotKey(b.group, b.binding)}:${String(b.name)}`} className={NOTE}>
            <BindingEditor
              binding={b}
              info={info.get(slotKey(b.group, b.binding))}
              seed={i + 1}
              onChange={(next) => onUpdate((x) => updateBinding(x, i, () => next))}
            />
          </div>
        ))}
      </div>
      {passes ? (
        <PassList
          passes={passes}
          entryPoints={reflection.entryPoints}
          onPatch={(i, patch) => onUpdate((x) => updatePass(x, i, patch))}
        />
      ) : (
        <DispatchEditor
          label="dispatch"
          testPrefix=""
          entryPoint={typeof w.entryPoint === 'string' ? w.entryPoint : undefined}
          entryPoints={reflection.entryPoints}
          dispatch={asDispatch(w.dispatch)}
          onEntryPoint={(entryPoint) => onUpdate((x) => ({ ...x, entryPoint }))}
          onDispatch={(dispatch) => onUpdate((x) => ({ ...x, dispatch }))}
        />
      )}
      <RunSettings workload={w} overrides={overrides} onChange={(next) => onUpdate(() => next)} />
    </div>
  );
}

function updatePass(w: RawWorkload, index: number, patch: Record<string, unknown>): RawWorkload {
  if (!Array.isArray(w.passes)) return w;
  return {
    ...w,
    passes: w.passes.map((p: unknown, i) => (i === index && isRecord(p) ? { ...p, ...patch } : p)),
  };
}
