/**
 * The shape of a built-in function's entry in the tables (builtin-table.ts, subgroup-table.ts) and
 * the overload rules they share: "numeric", "floating point (AbstractInt promoted)", "all arguments of
 * one type". A rule maps argument types to the result type or fails with the one message every
 * mismatch gets, `no overload of 'f' for (…)`, as WGSL's overload resolution does (§17 "Built-in
 * Functions", https://www.w3.org/TR/WGSL/#builtin-functions).
 */
import { fail, type Pos, unsupported } from '../../diagnostics';
import type { Expr } from '../ast';
import {
  canConvert,
  isFloatKind,
  isU32Like,
  type ScalarKind,
  scalarOf,
  type Type,
  typeName,
  U32,
  unifyTypes,
  withScalar,
} from '../types';

/** One call of a built-in, as its overload rule sees it. */
export interface BuiltinCall {
  readonly name: string;
  readonly pos: Pos;
  /** The argument types, as many as the entry's arity. */
  readonly ts: readonly Type[];
  /** Template arguments as written (`bitcast<T>`). */
  readonly targs: readonly Expr[] | undefined;
  resolveType(e: Expr): Type;
}

/** A built-in function: its overloads, as a rule, and what calling it implies. */
export interface BuiltinFn {
  /** Where the WGSL spec defines it: an anchor of https://www.w3.org/TR/WGSL/. */
  spec: string;
  /** Number of arguments, checked before their types. */
  arity: number;
  /** The result type for these arguments, or `bad(call)`. */
  result: (call: BuiltinCall) => Type;
  /** The first argument must be a pointer to an atomic; checked before the arity. */
  atomicPointer?: true;
  /** The call has effects of its own (a barrier, an atomic, a subgroup collective): never folded or moved. */
  sideEffects?: true;
  /** The calling function synchronizes its workgroup (FnInfo.usesBarrier). */
  barrier?: true;
  /** The result is also the call's template argument (`bitcast<T>` emits as a cast to T). */
  resultIsTarg?: true;
}

/** Builds a table from rows that give several names one entry. */
export function table(rows: [names: string[], fn: BuiltinFn][]): ReadonlyMap<string, BuiltinFn> {
  return new Map(rows.flatMap(([names, fn]) => names.map((n) => [n, fn] as const)));
}

export function bad(c: BuiltinCall): never {
  return fail(c.pos, `no overload of '${c.name}' for (${c.ts.map(typeName).join(', ')})`);
}

export function unsupportedOn(c: BuiltinCall, what: string): never {
  return unsupported(c.pos, `'${c.name}' ${what}`);
}

/** The scalar of a numeric scalar or vector (not bool, not a matrix). */
export function numeric(c: BuiltinCall, t: Type | undefined): ScalarKind {
  const s = t && scalarOf(t);
  if (!s || s === 'bool' || t!.k === 'mat') bad(c);
  return s!;
}

/** A floating-point scalar or vector; an AbstractInt one becomes AbstractFloat. */
export function float(c: BuiltinCall, t: Type): Type {
  const s = numeric(c, t);
  if (s === 'abstract-int') return withScalar(t, 'abstract-float');
  if (!isFloatKind(s)) bad(c);
  return t;
}

/** The one type all arguments convert to. */
export function same(c: BuiltinCall): Type {
  let t = c.ts[0]!;
  for (const x of c.ts.slice(1)) {
    const u = unifyTypes(t, x);
    if (!u) bad(c);
    t = u!;
  }
  return t;
}

// ---- rules several entries share ------------------------------------------------------------------------

/** T → T for floating-point T. */
export const floatOfFirst = (c: BuiltinCall): Type => float(c, c.ts[0]!);
/** (T, T, …) → T for floating-point T. */
export const floatOfAll = (c: BuiltinCall): Type => float(c, same(c));
/** (T, T, …) → T for numeric T. */
export const numericOfAll = (c: BuiltinCall): Type => {
  const t = same(c);
  numeric(c, t);
  return t;
};
/** A vector convertible to `from` → u32 (data packing). */
export const packs =
  (from: Type) =>
  (c: BuiltinCall): Type =>
    canConvert(c.ts[0]!, from) ? U32 : bad(c);
/** u32 → `to` (data unpacking). */
export const unpacks =
  (to: Type) =>
  (c: BuiltinCall): Type =>
    isU32Like(c.ts[0]!) ? to : bad(c);
