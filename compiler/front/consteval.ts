/**
 * Constant-expression evaluation (WGSL spec §8.8 "const-expressions") for the places where the translator
 * needs numbers: array element counts, `@workgroup_size`, `@group/@binding`, override defaults, switch
 * selectors and abstract literals. Values are JS numbers (integers are exact below 2^53), booleans, or
 * arrays for vectors. Anything this evaluator does not know yields `undefined`, never a wrong value.
 */

import { quantizeF16 } from '../layout';
import type { Expr } from './ast';
import { isFloatKind, type ScalarKind } from './types';

export type ConstValue = number | boolean | ConstValue[];

export interface ConstEnv {
  /** Value and scalar kind of a named const/override, or undefined when unknown. */
  lookup(name: string): { value: ConstValue; kind: ScalarKind } | undefined;
  /** True when a builtin function name is redeclared by the module (then it is not folded). */
  shadowed?(name: string): boolean;
}

export interface Typed {
  value: ConstValue;
  kind: ScalarKind;
}

const INT_TYPES: Record<string, ScalarKind> = {
  i32: 'i32',
  u32: 'u32',
  f32: 'f32',
  f16: 'f16',
  bool: 'bool',
};

export function literalValue(text: string, litKind: 'int' | 'float' | 'bool'): Typed {
  if (litKind === 'bool') return { value: text === 'true', kind: 'bool' };
  if (litKind === 'int') {
    const suffix = text.endsWith('u') ? 'u32' : text.endsWith('i') ? 'i32' : 'abstract-int';
    const digits = suffix === 'abstract-int' ? text : text.slice(0, -1);
    return { value: Number(digits), kind: suffix };
  }
  const isHex = /^0[xX]/.test(text);
  // A hex float single takes a suffix after its exponent (hex digits include 'f').
  const hasSuffix = isHex ? /[pP][+-]?[0-9]+[fh]$/.test(text) : /[fh]$/.test(text);
  const suffix = hasSuffix ? text[text.length - 1] : '';
  const kind: ScalarKind = suffix === 'f' ? 'f32' : suffix === 'h' ? 'f16' : 'abstract-float';
  const body = hasSuffix ? text.slice(0, -1) : text;
  const value = isHex ? parseHexFloat(body) : Number(body);
  return { value: kind === 'f32' ? Math.fround(value) : kind === 'f16' ? quantizeF16(value) : value, kind };
}

/** WGSL hex float `0x1.8p3` → 12. */
export function parseHexFloat(text: string): number {
  const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?/.exec(text);
  if (!m) return Number.NaN;
  const int = m[1] ?? '';
  const frac = m[2] ?? '';
  let v = 0;
  for (const d of int + frac) v = v * 16 + Number.parseInt(d, 16);
  v /= 16 ** frac.length;
  return v * 2 ** Number(m[3] ?? '0');
}

/** Result kind of a binary operation on two scalar kinds (abstract operands take the other's type). */
function unify(a: ScalarKind, b: ScalarKind): ScalarKind | undefined {
  if (a === b) return a;
  if (a === 'abstract-int' && b !== 'bool') return b;
  if (b === 'abstract-int' && a !== 'bool') return a;
  if (a === 'abstract-float' && isFloatKind(b)) return b;
  if (b === 'abstract-float' && isFloatKind(a)) return a;
  return undefined;
}

/** Wrap an integer result into its concrete type; `undefined` for out-of-range const results. */
function fitToKind(v: number, kind: ScalarKind): number | undefined {
  if (kind === 'i32') return v >= -0x80000000 && v <= 0x7fffffff ? v : undefined;
  if (kind === 'u32') return v >= 0 && v <= 0xffffffff ? v : undefined;
  if (kind === 'f32') return Math.fround(v);
  if (kind === 'f16') return quantizeF16(v);
  return v;
}

export function evalConst(e: Expr, env: ConstEnv, depth = 0): Typed | undefined {
  if (depth > 200) return undefined;
  switch (e.kind) {
    case 'lit':
      return literalValue(e.text, e.litKind);
    case 'ident':
      return e.targs ? undefined : env.lookup(e.name);
    case 'unary': {
      const o = evalConst(e.operand, env, depth + 1);
      if (!o || typeof o.value === 'object') return undefined;
      if (e.op === '-' && typeof o.value === 'number') {
        const r = fitToKind(-o.value, o.kind);
        return r === undefined ? undefined : { value: r, kind: o.kind };
      }
      if (e.op === '!' && typeof o.value === 'boolean') return { value: !o.value, kind: 'bool' };
      if (e.op === '~' && typeof o.value === 'number') {
        if (o.kind === 'u32') return { value: ~o.value >>> 0, kind: 'u32' };
        if (o.kind === 'i32' || o.kind === 'abstract-int') return { value: ~o.value, kind: o.kind };
      }
      return undefined;
    }
    case 'binary': {
      const l = evalConst(e.left, env, depth + 1);
      const r = evalConst(e.right, env, depth + 1);
      if (!l || !r || typeof l.value === 'object' || typeof r.value === 'object') return undefined;
      return binary(e.op, l, r);
    }
    case 'call': {
      const name = e.callee.name;
      if (env.shadowed?.(name)) return undefined;
      const args: Typed[] = [];
      for (const a of e.args) {
        const v = evalConst(a, env, depth + 1);
        if (!v) return undefined;
        args.push(v);
      }
      const single = args[0];
      if (name in INT_TYPES && !e.callee.targs && args.length <= 1) {
        const kind = INT_TYPES[name]!;
        if (!single) return { value: kind === 'bool' ? false : 0, kind };
        if (typeof single.value === 'object') return undefined;
        return convert(single, kind);
      }
      if ((name === 'min' || name === 'max') && args.length === 2) {
        const [a, b] = args as [Typed, Typed];
        const kind = unify(a.kind, b.kind);
        if (!kind || typeof a.value !== 'number' || typeof b.value !== 'number') return undefined;
        return { value: name === 'min' ? Math.min(a.value, b.value) : Math.max(a.value, b.value), kind };
      }
      if (name === 'abs' && single && typeof single.value === 'number')
        return { value: Math.abs(single.value), kind: single.kind };
      return undefined;
    }
    default:
      return undefined;
  }
}

function convert(v: Typed, kind: ScalarKind): Typed | undefined {
  if (kind === 'bool') return { value: typeof v.value === 'boolean' ? v.value : v.value !== 0, kind };
  const n = typeof v.value === 'boolean' ? (v.value ? 1 : 0) : (v.value as number);
  if (kind === 'i32' || kind === 'u32') {
    if (isFloatKind(v.kind)) {
      // WGSL §15.7.6: float → int saturates.
      const t = Math.trunc(n);
      if (Number.isNaN(t)) return { value: 0, kind };
      const lo = kind === 'i32' ? -0x80000000 : 0;
      const hi = kind === 'i32' ? 0x7fffff80 : 0xffffff00;
      return { value: Math.min(hi, Math.max(lo, t)), kind };
    }
    if (v.kind === 'abstract-int') {
      const r = fitToKind(n, kind);
      return r === undefined ? undefined : { value: r, kind };
    }
    return { value: kind === 'i32' ? n | 0 : n >>> 0, kind };
  }
  return { value: kind === 'f32' ? Math.fround(n) : kind === 'f16' ? quantizeF16(n) : n, kind };
}

function binary(op: string, l: Typed, r: Typed): Typed | undefined {
  if (op === '&&' || op === '||') {
    if (typeof l.value !== 'boolean' || typeof r.value !== 'boolean') return undefined;
    return { value: op === '&&' ? l.value && r.value : l.value || r.value, kind: 'bool' };
  }
  if (op === '<<' || op === '>>') {
    if (typeof l.value !== 'number' || typeof r.value !== 'number') return undefined;
    const kind = l.kind;
    if (kind === 'u32')
      return { value: op === '<<' ? (l.value << r.value) >>> 0 : l.value >>> r.value, kind };
    if (kind === 'i32') return { value: op === '<<' ? l.value << r.value : l.value >> r.value, kind };
    if (kind === 'abstract-int') {
      const v = op === '<<' ? l.value * 2 ** r.value : Math.floor(l.value / 2 ** r.value);
      return Number.isSafeInteger(v) ? { value: v, kind } : undefined;
    }
    return undefined;
  }
  const kind = unify(l.kind, r.kind);
  if (!kind) return undefined;
  const a = l.value;
  const b = r.value;
  switch (op) {
    case '==':
      return { value: a === b, kind: 'bool' };
    case '!=':
      return { value: a !== b, kind: 'bool' };
    default:
      break;
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    if (op === '&') return { value: Boolean(a) && Boolean(b), kind: 'bool' };
    if (op === '|') return { value: Boolean(a) || Boolean(b), kind: 'bool' };
    return undefined;
  }
  const int = kind === 'i32' || kind === 'u32' || kind === 'abstract-int';
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  let v: number;
  switch (op) {
    case '<':
      return { value: a < b, kind: 'bool' };
    case '>':
      return { value: a > b, kind: 'bool' };
    case '<=':
      return { value: a <= b, kind: 'bool' };
    case '>=':
      return { value: a >= b, kind: 'bool' };
    case '+':
      v = a + b;
      break;
    case '-':
      v = a - b;
      break;
    case '*':
      v = a * b;
      break;
    case '/':
      if (int && b === 0) return undefined; // a const-expression error in WGSL
      v = int ? Math.trunc(a / b) : a / b;
      break;
    case '%':
      if (int && b === 0) return undefined;
      v = a - b * Math.trunc(a / b);
      break;
    case '&':
      v = kind === 'u32' ? (a & b) >>> 0 : a & b;
      break;
    case '|':
      v = kind === 'u32' ? (a | b) >>> 0 : a | b;
      break;
    case '^':
      v = kind === 'u32' ? (a ^ b) >>> 0 : a ^ b;
      break;
    default:
      return undefined;
  }
  if (int && !Number.isSafeInteger(v)) return undefined;
  const f = fitToKind(v, kind);
  return f === undefined ? undefined : { value: f, kind };
}
