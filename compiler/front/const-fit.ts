/**
 * Whether a const-expression value fits the concrete scalar type a declaration or a conversion gives
 * it. WGSL makes a value the destination cannot represent a shader-creation error, never a wrapped or
 * infinite value: an AbstractInt outside i32/u32 (§15.7.1 "Conversion Rank", via §8.7), and a finite
 * float beyond the f32/f16 range (§15.7.6 "Floating Point Conversion"; §8.8 const-expressions).
 */

import { quantizeF16 } from '../layout';
import type { Typed } from './consteval';
import type { ScalarKind } from './types';

const INT_RANGE: Partial<Record<ScalarKind, [bigint, bigint]>> = {
  i32: [-(2n ** 31n), 2n ** 31n - 1n],
  u32: [0n, 2n ** 32n - 1n],
};

/** The message when `v` cannot be represented as `to`, else undefined. */
export function constFitError(v: Typed, to: ScalarKind): string | undefined {
  const x = v.value;
  if (typeof x !== 'number' && typeof x !== 'bigint') return undefined;
  const range = INT_RANGE[to];
  if (range && v.kind === 'abstract-int') {
    const b = typeof x === 'bigint' ? x : Number.isInteger(x) ? BigInt(x) : undefined;
    if (b !== undefined && (b < range[0] || b > range[1])) return `${x} does not fit in ${to}`;
    return undefined;
  }
  if ((to === 'f32' || to === 'f16') && (v.kind === 'abstract-int' || v.kind === 'abstract-float')) {
    const n = Number(x);
    const r = to === 'f32' ? Math.fround(n) : quantizeF16(n);
    if (Number.isFinite(n) && !Number.isFinite(r)) return `${x} does not fit in ${to}`;
  }
  return undefined;
}
