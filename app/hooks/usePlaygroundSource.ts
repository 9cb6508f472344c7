'use client';
/**
 * What the page runs, as the user edits it: the chosen library preset and its parameter values, the
 * WGSL (editor) and the workload JSON (panel). Choosing a preset or changing a parameter re-resolves
 * the preset's workload template; the texts stay freely editable afterwards, and a parameter change
 * carries the user's edits to the workload over to the re-resolved one (keep-edits.ts). The workload
 * form edits the same JSON text (`updateWorkload`), so the form and the JSON panel are two views of
 * one state.
 *
 * The state survives a reload (saved-source.ts: per tab, plus the last state for new tabs), and the URL
 * fragment follows every valid edit (the code-link encoding, server/share/fragment.ts), so the address
 * bar always holds a link to what is on screen. A preset switch asks before it discards edits.
 *
 * Texture presets arrive without their pictures (server/presets.ts): choosing one fetches them first
 * (app/lib/preset-pictures.ts), and only a preset with its pictures is ever resolved into the texts.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Workload } from '../../core/workload';
import type { PagePreset } from '../../server/presets';
import { encodeWorkloadFragment } from '../../server/share/fragment';
import { keepEdits } from '../lib/keep-edits';
import { needsPictures, withPictures } from '../lib/preset-pictures';
import { presetDefaults, presetOfWorkload, resolvePresetJson } from '../lib/preset-workload';
import { LAST_KEY, parseSaved, snapshotToRestore, TAB_KEY } from '../lib/saved-source';
import { formatWorkloadJson, parseDraft } from '../lib/workload-draft';
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
  /** What `wgsl` started from (the preset's kernel, or a loaded link's): edits are measured against it. */
  baseWgsl: string;
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
      baseWgsl: '',
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
    baseWgsl: preset.wgsl,
    burst: null,
    paramProblem: r.ok ? null : { path: r.path, message: r.message },
  };
}

/**
 * A loaded workload (code link, import) as page state: under its library preset when it is exactly
 * that preset at its default values (so the parameter bar edits it), otherwise as a custom kernel with
 * no preset — never under the preset that happened to be chosen before.
 */
function stateForWorkload(presets: PagePreset[], w: Workload): SourceState {
  const p = presetOfWorkload(presets, w);
  if (p) return stateFor(p);
  const { wgsl, ...rest } = w;
  const json = formatWorkloadJson(rest);
  return {
    presetId: '',
    params: {},
    wgsl,
    workloadJson: json,
    templateJson: json,
    baseWgsl: wgsl,
    burst: null,
    paramProblem: null,
  };
}

function isEdited(s: SourceState): boolean {
  return s.wgsl !== s.baseWgsl || s.workloadJson !== s.templateJson;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function usePlaygroundSource(pagePresets: PagePreset[]) {
  // The page opens on the first preset that needs nothing fetched (the spine's first: server/presets.ts).
  const [state, setState] = useState<SourceState>(() => stateFor(pagePresets.find((p) => !needsPictures(p))));
  /** Presets whose pictures have been fetched, by id; `presets` is the page's list with them in. */
  const [filled, setFilled] = useState<Readonly<Record<string, PagePreset>>>({});
  const presets = useMemo(() => pagePresets.map((p) => filled[p.id] ?? p), [pagePresets, filled]);
  // For loadWorkload, which must keep its identity as pictures arrive: useFragmentWorkload re-reads
  // the URL's link whenever it changes.
  const presetsNow = useRef(presets);
  presetsNow.current = presets;
  const preset = presets.find((p) => p.id === state.presetId);
  const edited = isEdited(state);
  /** Counts preset choices and loaded links: a picture that arrives after a newer one is not applied. */
  const choice = useRef(0);

  const fill = useCallback(async (p: PagePreset) => {
    const full = await withPictures(p);
    if (full !== p) setFilled((f) => (f[p.id] ? f : { ...f, [p.id]: full }));
    return full;
  }, []);

  // Restore this tab's work (or the last tab's) once, after the first render: storage and the URL
  // exist only in the browser. Effects of children run first, so a code link in the URL has already
  // been loaded (ShareBar); a snapshot saved at another fragment does not override it.
  const [restored, setRestored] = useState(false);
  // Counts replacements of the whole state (preset switch, loaded link, restore): views that keep
  // their own derived state (the form's "cover N elements") start afresh on each.
  const [origin, setOrigin] = useState(0);
  useEffect(() => {
    const saved = snapshotToRestore(
      parseSaved(sessionStorage.getItem(TAB_KEY)),
      parseSaved(localStorage.getItem(LAST_KEY)),
      window.location.hash,
    );
    const savedPreset = pagePresets.find((p) => p.id === saved?.presetId);
    if (saved && (saved.presetId === '' || savedPreset)) {
      const { hash: _hash, ...texts } = saved;
      setState({ ...texts, burst: null, paramProblem: null });
      setOrigin((n) => n + 1);
      // The texts are whole; the parameter bar needs the preset's pictures to re-resolve it.
      if (savedPreset) fill(savedPreset).catch(() => {});
    }
    setRestored(true);
  }, [pagePresets, fill]);

  // Autosave, and keep the fragment in step with valid edits (replaceState: no history entry per key).
  useEffect(() => {
    if (!restored) return;
    const draft = parseDraft(state.wgsl, state.workloadJson);
    if (draft.ok) {
      const hash = `#${encodeWorkloadFragment(draft.workload)}`;
      if (window.location.hash !== hash)
        window.history.replaceState(
          window.history.state,
          '',
          `${window.location.pathname}${window.location.search}${hash}`,
        );
    }
    const { burst: _b, paramProblem: _p, ...texts } = state;
    const snapshot = JSON.stringify({ ...texts, hash: window.location.hash });
    try {
      sessionStorage.setItem(TAB_KEY, snapshot);
      localStorage.setItem(LAST_KEY, snapshot);
    } catch {
      // Storage full or disabled (private mode): the page works, it just does not survive a reload.
    }
  }, [state, restored]);

  const selectPreset = useCallback(
    (id: string) => {
      const p = presets.find((x) => x.id === id);
      if (!p) return;
      if (
        edited &&
        !window.confirm(`Switch to ${p.title}? This discards your edits to the kernel and workload.`)
      )
        return;
      const mine = ++choice.current;
      if (!needsPictures(p)) {
        setState(stateFor(p));
        setOrigin((n) => n + 1);
        return;
      }
      fill(p).then(
        (full) => {
          if (mine !== choice.current) return;
          setState(stateFor(full));
          setOrigin((n) => n + 1);
        },
        (e: Error) => {
          if (mine === choice.current)
            setState((s) => ({
              ...s,
              paramProblem: { path: p.title, message: `${e.message}; choose it again` },
            }));
        },
      );
    },
    [presets, edited, fill],
  );

  /** A whole workload from outside (a code link, an imported file). */
  const loadWorkload = useCallback(
    (w: Workload) => {
      const mine = ++choice.current;
      const presets = presetsNow.current;
      const first = stateForWorkload(presets, w);
      setState(first);
      setOrigin((n) => n + 1);
      // A texture preset's link is that preset only once its pictures are here to compare with; until
      // then (or if they cannot be fetched) it is a custom kernel, which runs the same.
      const pending = presets.filter((p) => needsPictures(p) && p.wgsl === w.wgsl);
      if (!pending.length) return;
      Promise.all(pending.map(fill)).then(
        (full) => {
          const next = stateForWorkload(full, w);
          if (!next.presetId || mine !== choice.current) return;
          setState((s) => (s.wgsl === first.wgsl && s.workloadJson === first.workloadJson ? next : s));
        },
        () => {},
      );
    },
    [fill],
  );

  const setParam = useCallback(
    (name: string, value: number) => {
      setState((s) => {
        const p = presets.find((x) => x.id === s.presetId);
        if (!p) return s;
        if (needsPictures(p))
          return {
            ...s,
            paramProblem: { path: name, message: 'the preset’s picture is still loading; try again' },
          };
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
    /** Either text differs from what it started from (the preset's, or a loaded link's). */
    edited,
    origin,
    selectPreset,
    loadWorkload,
    setParam,
    setWgsl,
    setWorkloadJson,
    updateWorkload,
  };
}
