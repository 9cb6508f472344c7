/**
 * The @const built-ins that take a float apart or put one together (WGSL §17.5.22 `frexp`, §17.5.33
 * `modf`, §17.5.29 `ldexp`), on scalars and vectors. `frexp` and `modf` return a structure
 * (`__frexp_result_*`, `__modf_result_*`): its members fold (`frexp(1.5).exp` is 1), the structure
 * itself is left to the emitter. Values follow Tint's constant evaluator
 * (src/tint/lang/core/constant/eval.cc: `frexp`, `modf`, `ldexp`).
 */

import { type ConstValue, isNum, roundFloat, type Typed, toNumber } from './const-value';
import type { ScalarKind } from './types';

/** C's frexp: x = fract × 2^exp with 0.5 <= |fract| < 1; 0 (and ±0) gives (x, 0). */
export function frexpParts(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let exp = Math.floor(Math.log2(Math.abs(x))) + 1;
  let fract = scale(x, -exp);
  // log2 rounds near powers of two: settle the exponent so the fraction is in [0.5, 1).
  if (Math.abs(fract) >= 1) {
    exp += 1;
    fract = scale(x, -exp);
  } else if (Math.abs(fract) < 0.5) {
    exp -= 1;
    fract = scale(x, -exp);
  }
  return [fract, exp];
}

/** x × 2^n without an intermediate 2^n that leaves the double range (n may be near ±2100). */
function scale(x: number, n: number): number {
  const half = Math.trunc(n / 2);
  return x * 2 ** half * 2 ** (n - half);
}

/** The float kind a frexp/modf/ldexp argument computes in (an AbstractInt one is an AbstractFloat). */
const floatKind = (k: ScalarKind): ScalarKind | undefined =>
  k === 'abstract-int'
    ? 'abstract-float'
    : k === 'f32' || k === 'f16' || k === 'abstract-float'
      ? k
      : undefined;

/** Each lane of `v` as a number, rounded to `kind`; undefined when one is no number. */
function numbers(v: ConstValue, kind: ScalarKind): number[] | undefined {
  const xs = Array.isArray(v) ? v : [v];
  return xs.every(isNum) ? xs.map((x) => roundFloat(toNumber(x as number | bigint), kind)) : undefined;
}

const shaped = (like: ConstValue, xs: number[]): ConstValue => (Array.isArray(like) ? xs : xs[0]!);

/**
 * Member `member` of `frexp(arg)` or `modf(arg)`: `fract` (the argument's kind), `exp` (i32, or
 * AbstractInt beside an AbstractFloat) or `whole`; undefined for another member or a non-number.
 */
export function floatPartsMember(fn: string, member: string, arg: Typed): Typed | undefined {
  const kind = floatKind(arg.kind);
  const xs = kind && numbers(arg.value, kind);
  if (!kind || !xs) return undefined;
  if (fn === 'frexp' && (member === 'fract' || member === 'exp')) {
    const parts = xs.map(frexpParts);
    if (member === 'fract')
      return {
        value: shaped(
          arg.value,
          parts.map((p) => p[0]),
        ),
        kind,
      };
    return {
      value: shaped(
        arg.value,
        parts.map((p) => p[1]),
      ),
      kind: kind === 'abstract-float' ? 'abstract-int' : 'i32',
    };
  }
  if (fn === 'modf' && (member === 'fract' || member === 'whole')) {
    // WGSL §17.5.33: whole = trunc(e), fract = e - whole; both keep e's sign.
    const whole = xs.map(Math.trunc);
    const v = member === 'whole' ? whole : xs.map((x, i) => roundFloat(x - whole[i]!, kind));
    return { value: shaped(arg.value, v), kind };
  }
  return undefined;
}

/** WGSL §17.5.29: the exponent bias of `kind` (f16 15, f32 127, AbstractFloat 1023). */
const BIAS: Partial<Record<ScalarKind, number>> = { f16: 15, f32: 127, 'abstract-float': 1023 };

/**
 * The error when a const `e2` of `ldexp(e1, e2)` exceeds bias + 1 for e1's kind: a shader-creation
 * error whether or not e1 is const (WGSL §17.5.29), as Tint's resolver checks it.
 */
export function ldexpExponentError(e1Kind: ScalarKind, e2: Typed): string | undefined {
  const kind = floatKind(e1Kind);
  const bias = kind && BIAS[kind];
  const xs = Array.isArray(e2.value) ? e2.value : [e2.value];
  if (bias === undefined || !xs.every(isNum)) return undefined;
  const big = xs.findIndex((x) => toNumber(x as number | bigint) > bias + 1);
  if (big < 0) return undefined;
  const at = Array.isArray(e2.value) ? ` (component ${big})` : '';
  return `'ldexp' exponent ${String(xs[big])} is greater than ${bias + 1}, the most ${kind === 'abstract-float' ? 'an AbstractFloat' : kind} allows, in a const-expression${at}`;
}

/** `ldexp(e1, e2)` = e1 × 2^e2 (WGSL §17.5.29), or `{ error }` for an exponent past bias + 1. */
export function ldexp(e1: Typed, e2: Typed): Typed | { error: string } | undefined {
  const kind = floatKind(e1.kind);
  if (!kind) return undefined;
  const bad = ldexpExponentError(kind, e2);
  if (bad) return { error: bad };
  const xs = numbers(e1.value, kind);
  const ns = Array.isArray(e2.value) ? e2.value : [e2.value];
  if (!xs || !ns.every(isNum)) return undefined;
  const n = ns.map((x) => toNumber(x as number | bigint));
  if (Array.isArray(e1.value) !== Array.isArray(e2.value) || (n.length !== xs.length && n.length !== 1))
    return undefined;
  return {
    value: shaped(
      e1.value,
      xs.map((x, i) => roundFloat(scale(x, n[i] ?? n[0]!), kind)),
    ),
    kind,
  };
}
