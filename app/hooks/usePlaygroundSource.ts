'use client';
/**
 * What the page runs, as the user edits it: the chosen library preset and its parameter values, the
 * WGSL (editor) and the workload JSON (panel). Choosing a preset or changing a parameter re-resolves
 * the preset's workload template; the texts stay freely editable afterwards, and a parameter change
 * carries the user's edits to the workload over to the re-resolved one (keep-edits.ts). The workload
 * form edits the same JSON text (`updateWorkload`), so the form and the JSON panel are two views of
 * one state.
 */
import { useCallback, useState } from 'react';
import type { PagePreset } from '../../server/presets';
import { keepEdits } from '../lib/keep-edits';
import { presetDefaults, resolvePresetJson } from '../lib/preset-workload';
import { formatWorkloadJson } from '../lib/workload-draft';
import { parseRawWorkload, type RawWorkload } from '../lib/workload-form';

export interface ParamProblem {
  path: string;
  message: string;
}

interface SourceState {
  presetId: string;
  params: Record<string, number>;
  wgsl: string;
  workloadJson: string;
  /** The preset's workload as last resolved: what `workloadJson` started from, before the user's edits. */
  templateJson: string;
  /**
   * While one parameter is being changed value after value (typing 1024 gives 1, 10, 102, 1024),
   * where that began: every value merges against the same template and user workload, so an
   * in-between value cannot overwrite an edit for good. Any other edit ends it.
   */
  burst: { name: string; templateJson: string; mine: unknown } | null;
  paramProblem: ParamProblem | null;
}

/** The problem set while the workload JSON does not parse (cleared once it does again). */
const UNPARSED_JSON = 'workload JSON';

function stateFor(preset: PagePreset | undefined, params?: Record<string, number>): SourceState {
  if (!preset)
    return {
      presetId: '',
      params: {},
      wgsl: '',
      workloadJson: '{}',
      templateJson: '{}',
      burst: null,
      paramProblem: null,
    };
  const values = params ?? presetDefaults(preset);
  const r = resolvePresetJson(preset, values);
  return {
    presetId: preset.id,
    params: values,
    wgsl: preset.wgsl,
    workloadJson: r.ok ? r.workloadJson : '{}',
    templateJson: r.ok ? r.workloadJson : '{}',
    burst: null,
    paramProblem: r.ok ? null : { path: r.path, message: r.message },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function usePlaygroundSource(presets: PagePreset[]) {
  const [state, setState] = useState<SourceState>(() => stateFor(presets[0]));
  const preset = presets.find((p) => p.id === state.presetId);

  const selectPreset = useCallback(
    (id: string) => {
      const p = presets.find((x) => x.id === id);
      if (p) setState(stateFor(p));
    },
    [presets],
  );

  const setParam = useCallback(
    (name: string, value: number) => {
      setState((s) => {
        const p = presets.find((x) => x.id === s.presetId);
        if (!p) return s;
        const params = { ...s.params, [name]: value };
        const r = resolvePresetJson(p, params);
        if (!r.ok) return { ...s, params, paramProblem: { path: r.path, message: r.message } };
        let burst = s.burst?.name === name ? s.burst : null;
        if (!burst) {
          const mine = parseJson(s.workloadJson);
          // Merging needs the user's JSON as a value: while it does not parse, the new value is not
          // applied rather than replace (and lose) the text being edited.
          if (mine === undefined)
            return {
              ...s,
              paramProblem: {
                path: UNPARSED_JSON,
                message: `does not parse, so ${name} = ${value} was not applied; fix the JSON or choose the preset again`,
              },
            };
          burst = { name, templateJson: s.templateJson, mine };
        }
        const merged = keepEdits(JSON.parse(burst.templateJson), burst.mine, JSON.parse(r.workloadJson));
        return {
          ...s,
          params,
          workloadJson: formatWorkloadJson(merged),
          templateJson: r.workloadJson,
          burst,
          paramProblem: null,
        };
      });
    },
    [presets],
  );

  const setWgsl = useCallback((wgsl: string) => setState((s) => ({ ...s, wgsl })), []);
  const setWorkloadJson = useCallback(
    (workloadJson: string) =>
      setState((s) => ({
        ...s,
        workloadJson,
        burst: null,
        paramProblem:
          s.paramProblem?.path === UNPARSED_JSON && parseJson(workloadJson) !== undefined
            ? null
            : s.paramProblem,
      })),
    [],
  );
  /** A structured edit of the workload (the form's): applied to the JSON text, which is reformatted. */
  const updateWorkload = useCallback(
    (fn: (w: RawWorkload) => RawWorkload) =>
      setState((s) => {
        const current = parseRawWorkload(s.workloadJson);
        if (!current) return s;
        return { ...s, workloadJson: formatWorkloadJson(fn(current)), burst: null };
      }),
    [],
  );

  return {
    preset,
    presetId: state.presetId,
    params: state.params,
    paramProblem: state.paramProblem,
    wgsl: state.wgsl,
    workloadJson: state.workloadJson,
    /** The editor's text differs from the preset's kernel. */
    wgslEdited: !!preset && state.wgsl !== preset.wgsl,
    selectPreset,
    setParam,
    setWgsl,
    setWorkloadJson,
    updateWorkload,
  };
}
