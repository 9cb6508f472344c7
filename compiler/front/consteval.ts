/**
 * Constant-expression evaluation (WGSL spec §8.8 "const-expressions") for the places where the translator
 * needs numbers: array element counts, `@workgroup_size`, `@group/@binding`, override defaults, switch
 * selectors and abstract literals. Values are JS numbers, booleans, or arrays for vectors; an AbstractInt
 * is a 64-bit integer (WGSL §6.1), computed exactly with BigInt and held as a number while it is a safe
 * integer, as a bigint beyond 2^53 (one canonical form, so `===` compares values). A result outside i64
 * is a const-expression error: `undefined` here, reported by the checker. AbstractFloat is f64. Anything
 * this evaluator does not know yields `undefined`, never a wrong value.
 */

import { quantizeF16 } from '../layout';
import type { Expr } from './ast';
import { foldBuiltin } from './const-builtins';
import { floatPartsMember } from './const-float-parts';
import { isMatrixValue, matrixBinary, matrixOf } from './const-matrix';
import { abstractInt, type ConstValue, isNum, type Typed, toNumber } from './const-value';
import { isFloatKind, type ScalarKind, unifyScalar } from './types';

export type { ConstValue, Typed } from './const-value';

export interface ConstEnv {
  /** Value and scalar kind of a named const/override, or undefined when unknown. */
  lookup(name: string): { value: ConstValue; kind: ScalarKind } | undefined;
  /** True when a builtin function name is redeclared by the module (then it is not folded). */
  shadowed?(name: string): boolean;
  /** The initializer of a named `const` (to index a const array or vector), when known. */
  constInit?(name: string): Expr | undefined;
  /** True when the name is an override (its value known here, yet not a const-expression). */
  isOverride?(name: string): boolean;
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
    // Workload override values arrive as synthesized literals such as `1e+300` (not WGSL syntax): they
    // keep their double, and the override's own range check reports them.
    if (suffix === 'abstract-int' && !/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(digits))
      return { value: Number(digits), kind: suffix };
    if (suffix === 'abstract-int') {
      const v = abstractInt(BigInt(digits));
      // Beyond i64: the checker reports the literal (NaN is never a value it accepts).
      return { value: v ?? Number.NaN, kind: suffix };
    }
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

/** Wrap an integer result into its concrete type; `undefined` for out-of-range const results. */
function fitToKind(v: number | bigint, kind: ScalarKind): number | bigint | undefined {
  if (typeof v === 'bigint') {
    if (kind === 'abstract-int') return abstractInt(v);
    return fitToKind(Number(v), kind); // beyond 2^53: outside i32/u32, rounded for floats
  }
  if (kind === 'i32') return v >= -0x80000000 && v <= 0x7fffffff ? v : undefined;
  if (kind === 'u32') return v >= 0 && v <= 0xffffffff ? v : undefined;
  if (kind === 'f32') return Math.fround(v);
  if (kind === 'f16') return quantizeF16(v);
  if (kind === 'abstract-int') return Number.isInteger(v) ? abstractInt(BigInt(v)) : undefined;
  return v;
}

/** AbstractInt arithmetic, exact in 64 bits (WGSL §8.7: a result outside i64 is an error). */
function abstractIntBinary(op: string, a: bigint, b: bigint): number | bigint | boolean | undefined {
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    case '+':
      return abstractInt(a + b);
    case '-':
      return abstractInt(a - b);
    case '*':
      return abstractInt(a * b);
    case '/':
      return b === 0n ? undefined : abstractInt(a / b); // BigInt division truncates, as WGSL's does
    case '%':
      return b === 0n ? undefined : abstractInt(a % b); // the sign of the dividend, as WGSL's
    case '&':
      return abstractInt(a & b);
    case '|':
      return abstractInt(a | b);
    case '^':
      return abstractInt(a ^ b);
    default:
      return undefined;
  }
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
      return o && lanewise([o], (lanes) => unary(e.op, lanes[0]!));
    }
    case 'index': {
      // `array(array(6))[0][0]`, `A[2]` of `const A = array(…)` (WGSL section 8.6: indexing a
      // const-expression composite is a const-expression).
      const at = evalConst(e.index, env, depth + 1);
      if (!at || !isNum(at.value) || at.kind === 'bool') return undefined;
      // An override-expression index makes the composite an override-expression: an abstract one is
      // materialized first (`vec2(1e-50)[O]` is 0.0f; Tint's bug/tint/1697.wgsl).
      return component(e.base, toNumber(at.value), env, depth, mentionsOverride(e.index, env, depth + 1));
    }
    case 'member': {
      // `v.x` of a const vector (WGSL section 8.5.1: a single-component swizzle of a const-expression
      // vector is a const-expression).
      // A member of `frexp(…)` / `modf(…)`'s result structure (WGSL §17.5.22, §17.5.33).
      const parts = PARTS_MEMBERS.has(e.name) ? floatPartsOf(e.base, env, depth + 1) : undefined;
      if (parts) return floatPartsMember(parts.fn, e.name, parts.arg);
      const at = swizzleIndices(e.name);
      if (at?.length === 1) return component(e.base, at[0]!, env, depth, false);
      // A multi-component swizzle of a vector value (`(v + w).yx`) is the vector of those components.
      const b = at && evalConst(e.base, env, depth + 1);
      if (!b || !Array.isArray(b.value)) return undefined;
      const lanes = b.value;
      return at.every((k) => k < lanes.length)
        ? { value: at.map((k) => lanes[k]!), kind: b.kind }
        : undefined;
    }
    case 'binary': {
      const l = evalConst(e.left, env, depth + 1);
      const r = evalConst(e.right, env, depth + 1);
      if (!l || !r) return undefined;
      // Matrix operands (+, -, the products of WGSL §8.7) are not lane-wise.
      if (isMatrixValue(l.value) || isMatrixValue(r.value)) return matrixBinary(e.op, l, r);
      // Vector operands are computed component-wise, a scalar beside a vector in every lane (§8.7).
      return lanewise([l, r], ([x, y]) => foldBinary(e.op, x!, y!));
    }
    case 'call': {
      const name = e.callee.name;
      if (env.shadowed?.(name)) return undefined;
      // dot's operands are vectors: their components are found, not their values.
      if (name === 'dot' && e.args.length === 2) return dot(e.args[0]!, e.args[1]!, env, depth);
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
      // Vector constructors (WGSL §17.1.1): components flattened, a single scalar splatted.
      const n = /^vec([234])[fhiu]?$/.exec(name);
      if (n) return vectorOf(e, Number(n[1]), args);
      // Matrix constructors (WGSL §17.1.1.4): columns, column-major scalars, or a matrix converted.
      const m = /^mat([234])x([234])[fh]?$/.exec(name);
      if (m) return matrixOf(Number(m[1]), Number(m[2]), typeLeafKind(e.callee), args);
      // Other @const built-ins (WGSL §17): a value, or none where WGSL has none (the checker says why).
      const folded = foldBuiltin(name, args);
      return folded && 'value' in folded ? folded : undefined;
    }
    default:
      return undefined;
  }
}

/** Unary `op` on a scalar (WGSL §8.6, §8.7, §8.9): `-`, `!` and `~`; undefined when it has no value. */
function unary(op: string, o: Typed): Typed | undefined {
  if (typeof o.value === 'object') return undefined;
  // WGSL §8.7: negating the most negative value of an integer type gives that value, no error (as
  // Tint's `UnaryMinus` and Chrome do; `-(-9223372036854775807 - 1)` is itself, `bug/chromium/1395241`).
  if ((op === '-' || op === '~') && (typeof o.value === 'bigint' || o.kind === 'abstract-int')) {
    const a = BigInt(o.value as number | bigint);
    const r = abstractInt(op === '-' ? BigInt.asIntN(64, -a) : ~a);
    return r === undefined ? undefined : { value: r, kind: o.kind };
  }
  if (op === '-' && o.kind === 'i32' && o.value === -0x80000000) return o;
  if (op === '-' && typeof o.value === 'number') {
    const r = fitToKind(-o.value, o.kind);
    return r === undefined ? undefined : { value: r, kind: o.kind };
  }
  if (op === '!' && typeof o.value === 'boolean') return { value: !o.value, kind: 'bool' };
  if (op === '~' && typeof o.value === 'number') {
    if (o.kind === 'u32') return { value: ~o.value >>> 0, kind: 'u32' };
    if (o.kind === 'i32') return { value: ~o.value, kind: o.kind };
  }
  return undefined;
}

/**
 * `f` on scalar operands, or on each lane of vector ones (a scalar beside a vector is used in every
 * lane); undefined when any lane has no value or the vector sizes differ.
 */
function lanewise(ops: Typed[], f: (lanes: Typed[]) => Typed | undefined): Typed | undefined {
  const vectors = ops.filter((o) => Array.isArray(o.value)).map((o) => (o.value as ConstValue[]).length);
  if (vectors.length === 0) return f(ops);
  const n = vectors[0]!;
  if (vectors.some((m) => m !== n)) return undefined;
  const out: ConstValue[] = [];
  let kind: ScalarKind | undefined;
  for (let i = 0; i < n; i++) {
    const lane = ops.map((o) => ({ value: Array.isArray(o.value) ? o.value[i]! : o.value, kind: o.kind }));
    const v = f(lane);
    if (!v || typeof v.value === 'object') return undefined;
    out.push(v.value);
    kind = v.kind;
  }
  return { value: out, kind: kind! };
}

/**
 * A vector constructor's value (WGSL §17.1.1.1): the components of its arguments in order, a single
 * scalar splatted, each converted to the leaf kind its type names or its arguments unify to.
 */
function vectorOf(e: Extract<Expr, { kind: 'call' }>, n: number, args: Typed[]): Typed | undefined {
  const written = e.callee.targs || /[fhiu]$/.test(e.callee.name);
  let kind = written ? typeLeafKind(e.callee) : args[0]?.kind;
  if (!written) for (const a of args) kind = kind && unifyScalar(kind, a.kind);
  if (!kind)
    return args.length === 0 && !written ? { value: Array(n).fill(0), kind: 'abstract-int' } : undefined;
  if (args.length === 0) return { value: Array(n).fill(kind === 'bool' ? false : 0), kind };
  const parts: Typed[] = [];
  for (const a of args)
    if (Array.isArray(a.value)) for (const v of a.value) parts.push({ value: v, kind: a.kind });
    else parts.push(a);
  const lanes = parts.length === 1 ? Array<Typed>(n).fill(parts[0]!) : parts;
  if (lanes.length !== n) return undefined;
  const out: ConstValue[] = [];
  for (const p of lanes) {
    const v = convert(p, kind);
    if (!v) return undefined;
    out.push(v.value);
  }
  return { value: out, kind };
}

/** True when `e` names an override: then it is an override-expression, not a const-expression. */
export function mentionsOverride(e: Expr, env: ConstEnv, depth: number): boolean {
  if (depth > 200 || !env.isOverride) return false;
  switch (e.kind) {
    case 'ident':
      return env.isOverride(e.name);
    case 'unary':
      return mentionsOverride(e.operand, env, depth + 1);
    case 'binary':
      return mentionsOverride(e.left, env, depth + 1) || mentionsOverride(e.right, env, depth + 1);
    case 'index':
      return mentionsOverride(e.base, env, depth + 1) || mentionsOverride(e.index, env, depth + 1);
    case 'call':
      return e.args.some((a) => mentionsOverride(a, env, depth + 1));
    default:
      return false;
  }
}

/** A composite's element found statically, and the scalar kind its leaves take, when a type fixes it. */
interface Element {
  expr: Expr;
  kind?: ScalarKind;
}

const SUFFIX_KIND: Record<string, ScalarKind> = { f: 'f32', h: 'f16', i: 'i32', u: 'u32' };

/** The scalar kind at the leaves of a type expression (`vec3f` → f32), or undefined when not plain. */
function typeLeafKind(t: Expr): ScalarKind | undefined {
  if (t.kind !== 'ident') return undefined;
  if (!t.targs && Object.hasOwn(INT_TYPES, t.name)) return INT_TYPES[t.name];
  const suffixed = /^(?:vec[234]|mat[234]x[234])([fhiu])$/.exec(t.name);
  if (suffixed && !t.targs) return SUFFIX_KIND[suffixed[1]!];
  if (/^(vec[234]|mat[234]x[234]|array)$/.test(t.name) && t.targs?.[0]) return typeLeafKind(t.targs[0]);
  return undefined;
}

/**
 * The leaf kind a constructor gives its elements: from its type when written (`array<u32, 2>(…)`,
 * `vec3f(…)`), else the kind all its leaves unify to (`array(1, 2.5)` holds AbstractFloats, WGSL
 * section 17.1.2). undefined when unknown.
 */
function ctorKind(c: Extract<Expr, { kind: 'call' }>, env: ConstEnv, depth: number): ScalarKind | undefined {
  if (c.callee.targs || /[fhiu]$/.test(c.callee.name)) return typeLeafKind(c.callee);
  let kind: ScalarKind | undefined;
  for (const a of c.args) {
    const k =
      a.kind === 'call' && /^(array|vec[234])$/.test(a.callee.name)
        ? ctorKind(a, env, depth + 1)
        : evalConst(a, env, depth + 1)?.kind;
    kind = k && kind ? unifyScalar(kind, k) : k;
    if (!kind) return undefined;
  }
  return kind;
}

/**
 * Element `i` of a composite written as a constructor (`array(…)`, `vec3f(…)`, a splat `vec3(x)`), an
 * element of one, or a named const holding one; undefined when not statically known. `outer`: the leaf
 * kind an enclosing constructor already fixed.
 */
function elementOf(
  base: Expr,
  i: number,
  env: ConstEnv,
  depth: number,
  outer?: ScalarKind,
): Element | undefined {
  if (depth > 200 || !Number.isInteger(i) || i < 0) return undefined;
  if (base.kind === 'ident' && !base.targs) {
    const init = env.constInit?.(base.name);
    return init ? elementOf(init, i, env, depth + 1, outer) : undefined;
  }
  if (base.kind === 'index') {
    const at = evalConst(base.index, env, depth + 1);
    if (!at || !isNum(at.value) || at.kind === 'bool') return undefined;
    const inner = elementOf(base.base, toNumber(at.value), env, depth + 1, outer);
    return inner ? elementOf(inner.expr, i, env, depth + 1, inner.kind) : undefined;
  }
  if (base.kind === 'member') {
    // Element i of a swizzle `v.zx` is element `z`, `x`, … of `v`.
    const at = swizzleIndices(base.name)?.[i];
    return at === undefined ? undefined : elementOf(base.base, at, env, depth + 1, outer);
  }
  if (base.kind !== 'call' || env.shadowed?.(base.callee.name)) return undefined;
  const name = base.callee.name;
  const n = /^vec([234])[fhiu]?$/.exec(name);
  if (name !== 'array' && !n) return undefined;
  const kind = outer ?? ctorKind(base, env, depth + 1);
  if (!kind) return undefined;
  if (name === 'array') return i < base.args.length ? { expr: base.args[i]!, kind } : undefined;
  if (i >= Number(n![1])) return undefined;
  // Only all-scalar or splat forms: `vec4(v2, a, b)` mixes vectors and scalars.
  if (base.args.length === 1) return { expr: base.args[0]!, kind };
  return base.args.length === Number(n![1]) ? { expr: base.args[i]!, kind } : undefined;
}

/** Element `i` of a statically known composite as a scalar value of its leaf kind. */
function component(
  base: Expr,
  i: number,
  env: ConstEnv,
  depth: number,
  materialize: boolean,
): Typed | undefined {
  const el = elementOf(base, i, env, depth + 1);
  let v = el ? evalConst(el.expr, env, depth + 1) : undefined;
  let leaf = el?.kind;
  if (!el) {
    // Not written as a constructor: a vector value computed whole (`(v + w).x`, `max(v, w)[1]`).
    const whole = evalConst(base, env, depth + 1);
    if (!whole || !Array.isArray(whole.value) || !Number.isInteger(i) || i < 0 || i >= whole.value.length)
      return undefined;
    v = { value: whole.value[i]!, kind: whole.kind };
    leaf = whole.kind;
    // A column of a matrix (`m[1]`, WGSL §8.5.2) is a vector.
    if (Array.isArray(v.value))
      return materialize ? lanewise([v], ([x]) => convert(x!, concreteOf(leaf!))) : v;
  }
  if (!v || !leaf || typeof v.value === 'object') return undefined;
  return convert(v, materialize ? concreteOf(leaf) : leaf);
}

/** The concrete kind an abstract one materializes to (WGSL §15.7.1: i32, f32). */
const concreteOf = (k: ScalarKind): ScalarKind =>
  k === 'abstract-int' ? 'i32' : k === 'abstract-float' ? 'f32' : k;

/** The members of `frexp` / `modf` result structures (WGSL §17.5.22, §17.5.33). */
const PARTS_MEMBERS = new Set(['fract', 'exp', 'whole']);

/**
 * `frexp(x)` / `modf(x)` written as a call, or a named const holding one, with a const argument: the
 * function and its argument, so that a member of the result folds.
 */
function floatPartsOf(base: Expr, env: ConstEnv, depth: number): { fn: string; arg: Typed } | undefined {
  if (depth > 200) return undefined;
  if (base.kind === 'ident' && !base.targs) {
    const init = env.constInit?.(base.name);
    return init ? floatPartsOf(init, env, depth + 1) : undefined;
  }
  if (base.kind !== 'call' || base.args.length !== 1 || env.shadowed?.(base.callee.name)) return undefined;
  const fn = base.callee.name;
  if (fn !== 'frexp' && fn !== 'modf') return undefined;
  const arg = evalConst(base.args[0]!, env, depth + 1);
  return arg && { fn, arg };
}

/** Component indices of a swizzle name (`zx` → [2, 0]; WGSL section 8.5.1), or undefined. */
function swizzleIndices(name: string): number[] | undefined {
  for (const set of ['xyzw', 'rgba']) {
    const at = [...name].map((ch) => set.indexOf(ch));
    if (name.length >= 1 && name.length <= 4 && at.every((k) => k >= 0)) return at;
  }
  return undefined;
}

/**
 * WGSL section 17.5.17: dot(a, b) = the sum of a[i] * b[i], for const vectors whose components are
 * known; each product and sum is checked as the operators are (no value on overflow).
 */
function dot(a: Expr, b: Expr, env: ConstEnv, depth: number): Typed | undefined {
  let sum: Typed | undefined;
  for (let i = 0; i < 4; i++) {
    const x = component(a, i, env, depth, false);
    const y = component(b, i, env, depth, false);
    if (!x || !y) return i >= 2 && !x && !y ? sum : undefined;
    const p = foldBinary('*', x, y);
    sum = p && (sum ? foldBinary('+', sum, p) : p);
    if (!sum) return undefined;
  }
  return sum;
}

function convert(v: Typed, kind: ScalarKind): Typed | undefined {
  if (kind === 'bool')
    return {
      value: typeof v.value === 'boolean' ? v.value : toNumber(v.value as number | bigint) !== 0,
      kind,
    };
  if (typeof v.value === 'bigint') {
    if (kind === 'abstract-int') return v;
    const r = fitToKind(v.value, kind);
    return r === undefined ? undefined : { value: r, kind };
  }
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

/** Binary `op` on scalar operands (WGSL §8.7, §8.9); undefined when it has no value. */
export function foldBinary(op: string, l: Typed, r: Typed): Typed | undefined {
  if (op === '&&' || op === '||') {
    if (typeof l.value !== 'boolean' || typeof r.value !== 'boolean') return undefined;
    return { value: op === '&&' ? l.value && r.value : l.value || r.value, kind: 'bool' };
  }
  if (op === '<<' || op === '>>') {
    if (l.kind === 'abstract-int' && isNum(l.value) && isNum(r.value)) {
      // WGSL §8.9: an AbstractInt shift is exact; the amount must be below 64 and the result in i64.
      const amount = toNumber(r.value);
      if (amount < 0 || amount >= 64) return undefined;
      const a = BigInt(l.value);
      const v = op === '<<' ? abstractInt(a << BigInt(amount)) : abstractInt(a >> BigInt(amount));
      return v === undefined ? undefined : { value: v, kind: l.kind };
    }
    if (typeof l.value !== 'number' || typeof r.value !== 'number') return undefined;
    const kind = l.kind;
    // WGSL §8.9: a const shift amount must be below the bit width, and a `<<` must lose no significant
    // bit (none set for u32, none differing from the result's sign for i32); else no value.
    if (r.value < 0 || r.value >= 32) return undefined;
    if (kind === 'u32') {
      if (op === '>>') return { value: l.value >>> r.value, kind };
      const v = (l.value << r.value) >>> 0;
      return v >>> r.value === l.value ? { value: v, kind } : undefined;
    }
    if (kind === 'i32') {
      if (op === '>>') return { value: l.value >> r.value, kind };
      const v = l.value << r.value;
      return v >> r.value === l.value ? { value: v, kind } : undefined;
    }
    return undefined;
  }
  const kind = unifyScalar(l.kind, r.kind);
  if (!kind) return undefined;
  if (kind === 'abstract-int' && isNum(l.value) && isNum(r.value)) {
    if (op === '==' || op === '!=') return { value: (l.value === r.value) === (op === '=='), kind: 'bool' };
    const v = abstractIntBinary(op, BigInt(l.value), BigInt(r.value));
    if (v === undefined) return undefined;
    return typeof v === 'boolean' ? { value: v, kind: 'bool' } : { value: v, kind };
  }
  // Any other kind holds numbers: an AbstractInt operand beside a concrete or float one converts.
  const a = typeof l.value === 'bigint' ? Number(l.value) : l.value;
  const b = typeof r.value === 'bigint' ? Number(r.value) : r.value;
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
      // WGSL §8.7: the most negative i32 % -1 is an error in a const-expression, as its division is.
      if (kind === 'i32' && a === -0x80000000 && b === -1) return undefined;
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
