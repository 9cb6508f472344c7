/**
 * The values a page sweep runs: a range doubling from lo to hi, or a typed list, each value
 * checked against the preset parameter's bounds and rules (core/preset.ts `checkParam`).
 */
import { checkParam, type ParamSpec } from '../../core/preset';

export const MAX_SWEEP_POINTS = 24;
const DEFAULT_LO = 2 ** 10;
const DEFAULT_HI = 2 ** 26;

export type SweepInput = { mode: 'range'; lo: number; hi: number } | { mode: 'list'; text: string };

export type SweepValues = { ok: true; values: number[] } | { ok: false; message: string };

/** The default range, 2^10 … 2^26 clipped to the parameter's bounds (hi stays on lo·2^k). */
export function defaultRange(spec: ParamSpec): { lo: number; hi: number } {
  let lo = Math.max(DEFAULT_LO, spec.min);
  if (lo > spec.max) lo = spec.min;
  let hi = lo;
  while (hi * 2 <= Math.min(DEFAULT_HI, spec.max)) hi *= 2;
  return { lo, hi };
}

export function sweepValues(name: string, spec: ParamSpec, input: SweepInput): SweepValues {
  let values: number[];
  if (input.mode === 'range') {
    const { lo, hi } = input;
    if (!Number.isFinite(lo) || !Number.isFinite(hi))
      return { ok: false, message: 'give both ends of the range' };
    if (lo <= 0) return { ok: false, message: `the range must start above 0 (it doubles)` };
    if (hi < lo) return { ok: false, message: 'the range ends below its start' };
    values = [];
    for (let v = lo; v <= hi; v *= 2) {
      values.push(v);
      if (values.length > MAX_SWEEP_POINTS) break;
    }
  } else {
    const parts = input.text
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (parts.length === 0) return { ok: false, message: 'the list is empty' };
    values = parts.map(Number);
    const bad = parts.find((s) => !Number.isFinite(Number(s)));
    if (bad !== undefined) return { ok: false, message: `"${bad}" is not a number` };
    values = [...new Set(values)].sort((a, b) => a - b);
  }
  if (values.length > MAX_SWEEP_POINTS)
    return { ok: false, message: `at most ${MAX_SWEEP_POINTS} points per sweep` };
  for (const v of values) {
    const why = checkParam(name, spec, v);
    if (why) return { ok: false, message: why };
  }
  return { ok: true, values };
}
