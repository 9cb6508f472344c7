/**
 * Why a const-expression built-in call or vector operation has no value: a shader-creation error
 * (WGSL §8.7 arithmetic, §8.9 shifts, §15.7.6 floats, §17 each built-in's const-expression rules).
 * consteval.ts yields no value for these; this file finds the lane and the reason, for the checker to
 * report at the expression. Run-time operands (no const value) and override-expressions are not asked.
 */

import type { Expr } from './ast';
import { foldBuiltin } from './const-builtins';
import { constIntBinaryError } from './const-int-errors';
import type { ConstValue, Typed } from './const-value';
import { type ConstEnv, evalConst, foldBinary } from './consteval';
import { isFloatKind } from './types';

const lanes = (t: Typed, n: number): Typed[] =>
  Array.from({ length: n }, (_, i) => ({
    value: Array.isArray(t.value) ? (t.value[i] as ConstValue) : t.value,
    kind: t.kind,
  }));

const width = (...ts: Typed[]) =>
  Math.max(1, ...ts.map((t) => (Array.isArray(t.value) ? t.value.length : 1)));

/** The message for `e` (a call, or a vector operator) when its operands are const and it has no value. */
export function constCallOrVectorError(e: Expr, env: ConstEnv): string | undefined {
  if (e.kind === 'call') {
    if (env.shadowed?.(e.callee.name)) return undefined;
    const args = e.args.map((a) => evalConst(a, env));
    if (args.some((a) => !a)) return undefined;
    const f = foldBuiltin(e.callee.name, args as Typed[]);
    return f && 'error' in f ? f.error : undefined;
  }
  if (e.kind === 'binary') {
    const l = evalConst(e.left, env);
    const r = evalConst(e.right, env);
    if (!l || !r || (!Array.isArray(l.value) && !Array.isArray(r.value))) return undefined;
    const n = width(l, r);
    const [ls, rs] = [lanes(l, n), lanes(r, n)];
    for (let i = 0; i < n; i++) {
      if (foldBinary(e.op, ls[i]!, rs[i]!)) continue;
      const msg = constIntBinaryError(e.op, ls[i]!, rs[i]!);
      if (msg) return `${msg} (component ${i})`;
      if (ls[i]!.kind === 'abstract-int' && rs[i]!.kind === 'abstract-int')
        return `AbstractInt '${e.op}' overflows 64 bits or divides by zero in a const-expression (component ${i})`;
    }
    return undefined;
  }
  // A unary operator has a value for every const operand (WGSL §8.7: negating the most negative
  // integer gives that integer).
  return undefined;
}

/** The message when a const vector value holds a float lane that is not finite (WGSL §15.7.6). */
export function nonFiniteLaneError(e: Expr, v: Typed): string | undefined {
  if (!Array.isArray(v.value) || !isFloatKind(v.kind)) return undefined;
  const bad = (x: ConstValue) => typeof x === 'number' && !Number.isFinite(x);
  // A matrix's lanes are its columns' components (column c, row r).
  const i = v.value.findIndex((x) => (Array.isArray(x) ? x.some(bad) : bad(x)));
  if (i < 0) return undefined;
  const col = v.value[i]!;
  const where = Array.isArray(col) ? `column ${i}, row ${col.findIndex(bad)}` : `component ${i}`;
  const what =
    e.kind === 'call'
      ? `'${e.callee.name}(…)'`
      : e.kind === 'binary' || e.kind === 'unary'
        ? `'${e.op}'`
        : '';
  const kind = v.kind === 'abstract-float' ? 'AbstractFloat' : v.kind;
  return `${kind} ${what} has no finite value in a const-expression (overflow or division by zero) (${where})`;
}
