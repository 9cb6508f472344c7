/**
 * The values constant evaluation works with (WGSL §8.8 const-expressions): numbers, booleans, and
 * arrays of them for vectors. An AbstractInt is a 64-bit integer (WGSL §6.1) held as a number while
 * it is a safe integer and as a bigint beyond 2^53 (one canonical form, so `===` compares values);
 * AbstractFloat is f64; f32 and f16 values are doubles rounded to their type.
 */

import { quantizeF16 } from '../layout';
import type { ScalarKind } from './types';

export type ConstValue = number | bigint | boolean | ConstValue[];

export interface Typed {
  value: ConstValue;
  /** The scalar kind of the value, or of each component of a vector. */
  kind: ScalarKind;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** The canonical AbstractInt value of a BigInt, or undefined outside i64 (a const-expression error). */
export function abstractInt(v: bigint): number | bigint | undefined {
  if (v < I64_MIN || v > I64_MAX) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

/** A numeric const value as a JS number (a bigint AbstractInt rounds to the nearest double). */
export function toNumber(v: number | bigint): number {
  return typeof v === 'bigint' ? Number(v) : v;
}

export const isNum = (v: ConstValue): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

/** A double rounded to the float kind that holds it (f64 stays as it is). */
export function roundFloat(v: number, kind: ScalarKind): number {
  return kind === 'f32' ? Math.fround(v) : kind === 'f16' ? quantizeF16(v) : v;
}
