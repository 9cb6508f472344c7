/**
 * Matrix const-expressions (WGSL §8.7 "Arithmetic Expressions" on matrices, §17.1.1 matrix
 * constructors, §17.7 `determinant` and `transpose`). A matrix value is an array of columns, each an
 * array of numbers of one float kind. Every product, sum and difference is rounded to that kind as it
 * is made, in the order Tint's constant evaluator uses (src/tint/lang/core/constant/eval.cc: `Dot`,
 * `Det2`..`Det4`), so an f32 result matches Chrome's; a lane that is not finite is left in the value,
 * for the checker to report (const-errors.ts, §15.7.6).
 */

import { type ConstValue, isNum, roundFloat, type Typed, toNumber } from './const-value';
import { isFloatKind, type ScalarKind, unifyScalar } from './types';

type Columns = number[][];

/** True when `v` is a matrix value (an array of column arrays), not a vector or a scalar. */
export const isMatrixValue = (v: ConstValue): v is ConstValue[][] => Array.isArray(v) && Array.isArray(v[0]);

/** The columns of a matrix value as numbers, or undefined when a lane is no number. */
function columns(v: ConstValue): Columns | undefined {
  if (!isMatrixValue(v)) return undefined;
  const out: Columns = [];
  for (const col of v) {
    if (!Array.isArray(col) || !col.every(isNum)) return undefined;
    out.push(col.map((x) => toNumber(x as number | bigint)));
  }
  return out;
}

/** A vector value's lanes as numbers, or undefined. */
function lanes(v: ConstValue): number[] | undefined {
  return Array.isArray(v) && v.every(isNum) ? v.map((x) => toNumber(x as number | bigint)) : undefined;
}

/** The float kind a matrix holds: AbstractInt operands of an inferred matrix are AbstractFloats. */
const matKind = (k: ScalarKind): ScalarKind | undefined =>
  k === 'abstract-int' ? 'abstract-float' : isFloatKind(k) ? k : undefined;

/** Σ a[i] × b[i], each product and partial sum rounded to `kind` (Tint's Dot2..Dot4). */
function dot(a: number[], b: number[], kind: ScalarKind): number {
  let sum = roundFloat(a[0]! * b[0]!, kind);
  for (let i = 1; i < a.length; i++) sum = roundFloat(sum + roundFloat(a[i]! * b[i]!, kind), kind);
  return sum;
}

/**
 * `matCxR(…)` (WGSL §17.1.1.4): no argument (zero), C column vectors, C×R scalars in column-major
 * order, or one matrix converted to `kind`; undefined when the arguments fit none of these.
 */
export function matrixOf(
  c: number,
  r: number,
  kind: ScalarKind | undefined,
  args: Typed[],
): Typed | undefined {
  // Written (`mat2x2f`, `mat2x2<f32>`) or inferred from the arguments (`mat2x2(1, 2.5, …)`).
  let k = kind ?? args[0]?.kind;
  if (!kind) for (const a of args) k = k && unifyScalar(k, a.kind);
  k = k && matKind(k);
  if (!k) return undefined;
  const fk = k;
  const cast = (x: ConstValue): number | undefined => (isNum(x) ? roundFloat(toNumber(x), fk) : undefined);
  if (args.length === 0)
    return { value: Array.from({ length: c }, () => Array<number>(r).fill(0)), kind: fk };
  let flat: ConstValue[];
  if (args.length === 1 && isMatrixValue(args[0]!.value)) flat = args[0]!.value.flat();
  else if (args.length === c && args.every((a) => Array.isArray(a.value) && a.value.length === r))
    flat = args.flatMap((a) => a.value as ConstValue[]);
  else if (args.length === c * r && args.every((a) => !Array.isArray(a.value)))
    flat = args.map((a) => a.value);
  else return undefined;
  if (flat.length !== c * r) return undefined;
  const nums = flat.map(cast);
  if (nums.some((x) => x === undefined)) return undefined;
  const value = Array.from({ length: c }, (_, i) => nums.slice(i * r, i * r + r) as number[]);
  return { value, kind: fk };
}

/**
 * A binary operator with a matrix operand (WGSL §8.7): `+` / `-` of two matrices, `*` by a scalar
 * (either side), matrix × matrix, matrix × column vector and row vector × matrix. undefined when the
 * operands are not const numbers of these shapes (the checker has typed the expression already).
 */
export function matrixBinary(op: string, l: Typed, r: Typed): Typed | undefined {
  const lm = columns(l.value);
  const rm = columns(r.value);
  // The operands meet at one kind (an AbstractFloat matrix beside an f32 one is f32, WGSL §15.7.1).
  const both = unifyScalar(l.kind, r.kind);
  const kind = both && matKind(both);
  if (!kind || (!lm && !rm)) return undefined;
  const round = (x: number) => roundFloat(x, kind);
  if (lm && rm) {
    if (op === '+' || op === '-') {
      if (lm.length !== rm.length || lm[0]!.length !== rm[0]!.length) return undefined;
      const value = lm.map((col, i) =>
        col.map((x, j) => round(op === '+' ? x + rm[i]![j]! : x - rm[i]![j]!)),
      );
      return { value, kind };
    }
    // (A × B)[c][r] = row r of A · column c of B.
    if (op !== '*' || lm.length !== rm[0]!.length) return undefined;
    const rows = lm[0]!.map((_, j) => lm.map((col) => col[j]!));
    return { value: rm.map((col) => rows.map((row) => dot(row, col, kind))), kind };
  }
  if (op !== '*') return undefined;
  const m = (lm ?? rm)!;
  const other = lm ? r.value : l.value;
  if (!Array.isArray(other)) {
    if (!isNum(other)) return undefined;
    const s = round(toNumber(other));
    return { value: m.map((col) => col.map((x) => round(x * s))), kind };
  }
  const v = lanes(other);
  if (!v) return undefined;
  if (lm) {
    // Matrix × column vector: component j is row j of the matrix · v.
    if (v.length !== m.length) return undefined;
    const vr = v.map(round);
    return {
      value: m[0]!.map((_, j) =>
        dot(
          m.map((col) => col[j]!),
          vr,
          kind,
        ),
      ),
      kind,
    };
  }
  // Row vector × matrix: component i is v · column i.
  if (v.length !== m[0]!.length) return undefined;
  const vr = v.map(round);
  return { value: m.map((col) => dot(vr, col, kind)), kind };
}

/** `transpose(m)` (WGSL §17.7.2): element [c][r] becomes [r][c]. */
export function transpose(m: Typed): Typed | undefined {
  const cols = columns(m.value);
  return cols ? { value: cols[0]!.map((_, j) => cols.map((col) => col[j]!)), kind: m.kind } : undefined;
}

/**
 * `determinant(m)` of a square matrix (WGSL §17.7.1), expanded along the first column as Tint's
 * `Det2`..`Det4` are, each step rounded to the matrix's kind.
 */
export function determinant(m: Typed): Typed | undefined {
  const cols = columns(m.value);
  const kind = matKind(m.kind);
  if (!cols || !kind || cols.length !== cols[0]!.length) return undefined;
  const rd = (x: number) => roundFloat(x, kind);
  // det of the columns `cs` (each a full column): minor expansion by the first row.
  const det = (cs: number[][]): number => {
    if (cs.length === 2) return rd(rd(cs[0]![0]! * cs[1]![1]!) - rd(cs[1]![0]! * cs[0]![1]!));
    let sum = 0;
    for (let i = 0; i < cs.length; i++) {
      const minor = cs.filter((_, k) => k !== i).map((col) => col.slice(1));
      const term = rd(cs[i]![0]! * det(minor));
      sum = i === 0 ? term : rd(i % 2 === 1 ? sum - term : sum + term);
    }
    return sum;
  };
  return { value: det(cols), kind };
}
