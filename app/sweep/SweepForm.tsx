'use client';
/**
 * What to sweep: a preset, one of its parameters, and a doubling range or a list of values. The
 * settings follow the URL both ways (sweep-url.ts): a link opens with them, every edit updates it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PagePreset } from '../../server/presets';
import { PresetPicker } from '../components/PresetPicker';
import { type SweepSettings, sweepQuery } from './sweep-url';
import { defaultRange, type SweepInput, sweepValues } from './sweep-values';

export interface SweepChoice {
  preset: PagePreset;
  param: string;
  values: number[];
}

const field =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900';

function defaultParam(p: PagePreset | undefined): string {
  const ns = Object.keys(p?.params ?? {});
  return ns.includes('N') ? 'N' : (ns[0] ?? '');
}

export function SweepForm({
  presets,
  running,
  onChange,
  initial = null,
}: {
  presets: PagePreset[];
  running: boolean;
  onChange(choice: SweepChoice | null): void;
  /** Settings from the page's URL; unknown presets and parameters fall back to the defaults. */
  initial?: SweepSettings | null;
}) {
  const start = initial && presets.some((p) => p.id === initial.preset) ? initial : null;
  const [presetId, setPresetId] = useState(start?.preset ?? presets[0]?.id ?? '');
  const preset = presets.find((p) => p.id === presetId) ?? presets[0];
  const names = Object.keys(preset?.params ?? {});
  const [param, setParam] = useState(
    start && names.includes(start.param) ? start.param : defaultParam(preset),
  );
  const spec = preset?.params[param];
  const [mode, setMode] = useState<'range' | 'list'>(start?.mode ?? 'range');
  const [lo, setLo] = useState(start?.lo ?? '');
  const [hi, setHi] = useState(start?.hi ?? '');
  const [list, setList] = useState(start?.list ?? '');
  // The URL's values stand for the first parameter shown; defaults apply from the next one on.
  const fromUrl = useRef(start !== null && names.includes(start.param));

  // A new preset or parameter starts from its default range.
  useEffect(() => {
    if (!spec) return;
    if (fromUrl.current) {
      fromUrl.current = false;
      return;
    }
    const r = defaultRange(spec);
    setLo(String(r.lo));
    setHi(String(r.hi));
    setList(`${r.lo}, ${r.lo * 4}, ${r.lo * 16}`);
  }, [spec]);

  const result = useMemo(() => {
    if (!spec) return { ok: false, message: 'this preset has no parameters' } as const;
    const input: SweepInput =
      mode === 'range' ? { mode, lo: Number(lo), hi: Number(hi) } : { mode, text: list };
    return sweepValues(param, spec, input);
  }, [param, spec, mode, lo, hi, list]);
  useEffect(() => {
    onChange(result.ok && preset ? { preset, param, values: result.values } : null);
  }, [result, preset, param, onChange]);

  useEffect(() => {
    if (!preset) return;
    const query = sweepQuery({ preset: preset.id, param, mode, lo, hi, list });
    if (window.location.search !== query) window.history.replaceState(null, '', query);
  }, [preset, param, mode, lo, hi, list]);

  const selectPreset = (id: string) => {
    setPresetId(id);
    setParam(defaultParam(presets.find((x) => x.id === id)));
  };

  return (
    <fieldset disabled={running} className="flex flex-wrap items-end gap-3">
      <PresetPicker presets={presets} value={preset?.id ?? ''} onChange={selectPreset} />
      <label className="flex items-center gap-2">
        <span className="text-xs font-medium text-zinc-500">Parameter</span>
        <select
          className={field}
          value={param}
          onChange={(e) => setParam(e.target.value)}
          data-testid="sweep-param"
        >
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <div className="flex items-center gap-2 text-sm" role="radiogroup" aria-label="Values">
        <label className="flex items-center gap-1">
          <input
            type="radio"
            checked={mode === 'range'}
            onChange={() => setMode('range')}
            data-testid="mode-range"
          />
          ×2 range
        </label>
        <label className="flex items-center gap-1">
          <input
            type="radio"
            checked={mode === 'list'}
            onChange={() => setMode('list')}
            data-testid="mode-list"
          />
          list
        </label>
      </div>
      {mode === 'range' ? (
        <>
          <label className="flex items-center gap-2">
            <span className="text-xs font-medium text-zinc-500">from</span>
            <input
              className={`${field} w-32`}
              type="number"
              value={lo}
              onChange={(e) => setLo(e.target.value)}
              data-testid="sweep-lo"
            />
          </label>
          <label className="flex items-center gap-2">
            <span className="text-xs font-medium text-zinc-500">to</span>
            <input
              className={`${field} w-32`}
              type="number"
              value={hi}
              onChange={(e) => setHi(e.target.value)}
              data-testid="sweep-hi"
            />
          </label>
        </>
      ) : (
        <label className="flex items-center gap-2">
          <span className="text-xs font-medium text-zinc-500">values</span>
          <input
            className={`${field} w-72`}
            value={list}
            onChange={(e) => setList(e.target.value)}
            data-testid="sweep-list"
          />
        </label>
      )}
      <p className="w-full text-xs text-zinc-500" data-testid="sweep-values">
        {spec &&
          `${param}: ${spec.description} (${spec.min}…${spec.max}${spec.unit ? ` ${spec.unit}` : ''}). `}
        {result.ok ? (
          `${result.values.length} points: ${result.values.join(', ')}`
        ) : (
          <span className="text-red-600" data-testid="sweep-problem">
            {result.message}
          </span>
        )}
      </p>
    </fieldset>
  );
}
