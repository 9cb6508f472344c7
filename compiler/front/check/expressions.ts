/**
 * Checking of expressions (WGSL spec §8 "Expressions", https://www.w3.org/TR/WGSL/#expressions):
 * literals, names, operators, indexing and member access, with constant folding of what is a
 * const-expression and the errors a const-expression without a value is (§8.7, §8.9).
 */
import { fail } from '../../diagnostics';
import type { Expr } from '../ast';
import { constCallOrVectorError, nonFiniteLaneError } from '../const-errors';
import { ldexpExponentError } from '../const-float-parts';
import { constIntBinaryError } from '../const-int-errors';
import { type ConstEnv, evalConst, mentionsOverride, type Typed } from '../consteval';
import {
  BOOL,
  concretizeDefault,
  isBool,
  isFloatKind,
  isIntKind,
  scalar,
  scalarOf,
  type Type,
  typeName,
  vec,
} from '../types';
import type { ExprInfo } from './annotations';
import { checkCall } from './calls';
import type { CheckContext } from './context';
import { binaryType, unaryType } from './operators';
import { elementOf, swizzleOf } from './swizzle-view';

const SWIZZLE_SETS = ['xyzw', 'rgba'];
/** A literal's value needs no names. */
const NO_NAMES: ConstEnv = { lookup: () => undefined };

/** What `e` is, its constant value folded in where it has one. The caller records the result. */
export function checkExpr(c: CheckContext, e: Expr, asStatement: boolean): ExprInfo {
  const i = exprInner(c, e, asStatement);
  if (c.notEvaluated > 0) return notEvaluated(c, e, i);
  if (!i.konst && (i.type.k === 'scalar' || e.kind === 'lit')) {
    const k = evalConst(e, c.constEnv());
    if (k) {
      i.konst = k;
      floatOverflowError(c, e, k);
    } else {
      callOrVectorError(c, e, i);
      if (i.type.k === 'scalar' && i.type.s === 'abstract-int') abstractIntError(c, e);
      else if (i.type.k === 'scalar' && (i.type.s === 'i32' || i.type.s === 'u32')) concreteIntError(c, e);
    }
  }
  if (!i.konst && isRuntimeAbstract(c, e, i)) i.type = concretizeDefault(i.type);
  if (
    (i.type.k === 'vec' || i.type.k === 'mat') &&
    (e.kind === 'binary' || e.kind === 'unary' || e.kind === 'call')
  ) {
    // A vector or matrix const-expression is not recorded as a constant (the emitter writes it as
    // code), yet it must have a value: each component is checked as a scalar one would be.
    const k = evalConst(e, c.constEnv());
    const msg = k ? nonFiniteLaneError(e, k) : undefined;
    if (msg && !mentionsOverride(e, c.constEnv(), 0)) fail(e.pos, msg);
    if (!k) callOrVectorError(c, e, i);
  }
  return i;
}

/**
 * `e` inside the right side of a decided `&&` / `||`: never evaluated, so it has no const value and no
 * const-expression errors (only its type is checked); a literal keeps its value (literals are checked
 * as they are lexed, as Tint's are).
 */
function notEvaluated(c: CheckContext, e: Expr, i: ExprInfo): ExprInfo {
  if (e.kind !== 'lit') i.konst = undefined;
  if (isRuntimeAbstract(c, e, i)) i.type = concretizeDefault(i.type);
  return i;
}

/**
 * A call or an index of abstract scalar type with a run-time operand (`select(1, 2, c)`, `A[i]` of a
 * const array): not a const-expression, so its type is concrete (WGSL §6.4, §15.7.1: AbstractInt
 * becomes i32, AbstractFloat f32), as Chrome types it; beside a u32 it is then an i32 and the mix an
 * error, never a u32.
 */
function isRuntimeAbstract(c: CheckContext, e: Expr, i: ExprInfo): boolean {
  // Scalars and vectors alike: `select(vec2(1), vec2(2), c)` is a vec2<i32> (Tint materializes it).
  const s = i.type.k === 'scalar' ? i.type.s : i.type.k === 'vec' ? i.type.e : undefined;
  if (s !== 'abstract-int' && s !== 'abstract-float') return false;
  const env = c.constEnv();
  if (e.kind === 'index') return !evalConst(e.index, env);
  return e.kind === 'call' && e.args.some((a) => !evalConst(a, env));
}

/**
 * A built-in call or vector operation on const operands that has no value: a const-expression error
 * (WGSL §17's rules per built-in, §8.7), never a value computed at run time.
 */
function callOrVectorError(c: CheckContext, e: Expr, i: ExprInfo): void {
  if (e.kind !== 'binary' && e.kind !== 'unary' && e.kind !== 'call') return;
  const env = c.constEnv();
  if (e.kind === 'call' && i.call?.kind !== 'builtin') return;
  const msg = constCallOrVectorError(e, env);
  if (msg && !mentionsOverride(e, env, 0)) fail(e.pos, msg);
  // WGSL §17.5.29: a const `e2` of `ldexp` past bias + 1 is an error even beside a run-time `e1`.
  if (e.kind === 'call' && e.callee.name === 'ldexp' && e.args.length === 2) {
    const e2 = evalConst(e.args[1]!, env);
    const kind = scalarOf(c.get(e.args[0]!).type);
    const bad =
      e2 && kind && !mentionsOverride(e.args[1]!, env, 0) ? ldexpExponentError(kind, e2) : undefined;
    if (bad) fail(e.pos, bad);
  }
}

/**
 * An AbstractInt operation on known operands that has no value left i64 or divided by zero: a
 * const-expression error (WGSL §6.1, §8.7), never a value wrapped to 32 bits at run time.
 */
function abstractIntError(c: CheckContext, e: Expr): void {
  const known = (x: Expr) => c.info.get(x)?.konst !== undefined;
  if (e.kind === 'binary' && known(e.left) && known(e.right))
    fail(e.pos, `AbstractInt '${e.op}' overflows 64 bits or divides by zero in a const-expression`);
}

/**
 * A float const-expression whose value is not finite (operands are: literals must be, §5.2) overflowed
 * or divided by zero: a shader-creation error (WGSL §8.7 "Arithmetic Expressions", §15.7.6), never
 * +inf or NaN at run time. Override-expressions are left to pipeline creation.
 */
function floatOverflowError(c: CheckContext, e: Expr, k: Typed): void {
  if (typeof k.value !== 'number' || Number.isFinite(k.value) || !isFloatKind(k.kind)) return;
  if (e.kind !== 'binary' && e.kind !== 'unary' && e.kind !== 'call') return;
  if (mentionsOverride(e, c.constEnv(), 0)) return;
  const what = e.kind === 'call' ? `'${e.callee.name}(…)'` : `'${e.op}'`;
  const kind = k.kind === 'abstract-float' ? 'AbstractFloat' : k.kind;
  fail(e.pos, `${kind} ${what} has no finite value in a const-expression (overflow or division by zero)`);
}

/**
 * An i32/u32 operation whose operands are const-expressions and that has no value (division by zero,
 * overflow, bits shifted out): a shader-creation error (WGSL §8.7, §8.9). Runtime operands wrap
 * instead, and override-expressions are left to pipeline creation, so both pass.
 */
function concreteIntError(c: CheckContext, e: Expr): void {
  // A unary operator always has a value (WGSL §8.7: `-` of the most negative i32 is itself).
  if (e.kind !== 'binary') return;
  if (mentionsOverride(e, c.constEnv(), 0)) return;
  const l = c.info.get(e.left)?.konst;
  const r = c.info.get(e.right)?.konst;
  const msg = l && r ? constIntBinaryError(e.op, l, r) : undefined;
  if (msg) fail(e.pos, msg);
}

function exprInner(c: CheckContext, e: Expr, asStatement: boolean): ExprInfo {
  switch (e.kind) {
    case 'lit': {
      const k = evalConst(e, NO_NAMES)!;
      if (k.kind === 'f16') c.requireF16Feature(e.pos);
      if (k.kind === 'i32' && (k.value as number) > 0x7fffffff) fail(e.pos, `${e.text} does not fit in i32`);
      if (k.kind === 'u32' && (k.value as number) > 0xffffffff) fail(e.pos, `${e.text} does not fit in u32`);
      if (k.kind === 'abstract-int' && Number.isNaN(k.value))
        fail(e.pos, `${e.text} does not fit in a 64-bit AbstractInt`);
      // WGSL §5.2: a float literal must be representable in its type (`1e39f` is an error, not +inf).
      if (typeof k.value === 'number' && !Number.isFinite(k.value))
        fail(e.pos, `${e.text} does not fit in ${k.kind === 'abstract-float' ? 'an AbstractFloat' : k.kind}`);
      return { type: scalar(k.kind), sideEffects: false, konst: k };
    }
    case 'ident':
      return ident(c, e);
    case 'unary':
      return unaryType(e.pos, e.op, c.expr(e.operand));
    case 'binary': {
      const l = c.expr(e.left);
      // WGSL §8.7 (short-circuit, Tint's `not_evaluated_`): a const left side of `&&` / `||` that
      // decides the result leaves the right side type-checked but not evaluated, so a const-expression
      // error inside it (`false && (0 < a(4294967295))`) is none.
      const decided = (e.op === '&&' || e.op === '||') && l.konst?.value === (e.op === '||');
      if (decided) c.notEvaluated++;
      const r = c.expr(e.right);
      if (decided) c.notEvaluated--;
      const se = l.sideEffects || r.sideEffects;
      if (e.op === '&&' || e.op === '||') {
        if (!isBool(l.type) || !isBool(r.type)) fail(e.pos, `'${e.op}' needs bool operands`);
        return { type: BOOL, sideEffects: se, shortCircuit: decided || undefined };
      }
      const { type, opScalar } = binaryType(e.pos, e.op, l.type, r.type, {
        pos: e.right.pos,
        konst: r.konst,
      });
      return { type, sideEffects: se, opScalar };
    }
    case 'index':
      return index(c, e);
    case 'member':
      return member(c, e);
    case 'call':
      return checkCall(c, e, asStatement);
  }
}

function ident(c: CheckContext, e: Extract<Expr, { kind: 'ident' }>): ExprInfo {
  const s = c.lookup(e.name);
  if (!s) {
    if (c.scope.decls.has(e.name) || /^(vec|mat|array|i32|u32|f32|f16|bool)/.test(e.name)) {
      fail(e.pos, `'${e.name}' is not a value`);
    }
    fail(e.pos, `unknown identifier '${e.name}'`);
  }
  switch (s.kind) {
    case 'local':
      return s.mutable
        ? { type: s.type, ref: { space: 'function', access: 'read_write' }, sideEffects: false, symbol: s }
        : { type: s.type, sideEffects: false, symbol: s };
    case 'param':
      return { type: s.type, sideEffects: false, symbol: s };
    case 'global': {
      const g = s.g;
      // A texture or sampler variable yields the handle itself (WGSL §6.4.2 load rule), never a reference.
      if (g.space === 'handle') return { type: g.type, sideEffects: false, symbol: s };
      if (scalarOf(g.type) === 'f16') c.requireF16Feature(e.pos);
      return { type: g.type, ref: { space: g.space, access: g.access }, sideEffects: false, symbol: s };
    }
    case 'override':
      if (!s.info.value)
        fail(e.pos, `override '${e.name}' has no value; give one in the workload's overrides`);
      return { type: s.info.type, sideEffects: false, symbol: s, konst: s.info.value };
    case 'const':
      // Only a scalar's value is recorded: the emitter writes vector and array constants as code.
      return {
        type: s.type,
        sideEffects: false,
        symbol: s,
        konst: s.type.k === 'scalar' ? s.value : undefined,
      };
  }
}

/** `base[index]` (WGSL §8.5.1.2, §8.5.2, §8.5.3); a constant index is checked against a fixed size. */
function index(c: CheckContext, e: Extract<Expr, { kind: 'index' }>): ExprInfo {
  const b = c.expr(e.base);
  const idx = c.expr(e.index);
  if (idx.type.k !== 'scalar' || !isIntKind(idx.type.s)) fail(e.index.pos, 'index must be i32 or u32');
  let base = b.type;
  let ref = b.ref;
  let viaPointer = false;
  if (base.k === 'ptr') {
    ref = { space: base.space, access: base.access };
    base = base.store;
    viaPointer = true;
  }
  let elem: Type;
  if (base.k === 'array') elem = base.e;
  else if (base.k === 'vec') elem = scalar(base.e);
  else if (base.k === 'mat') elem = vec(base.r, base.e);
  else return fail(e.pos, `cannot index ${typeName(base)}`);
  const k = idx.konst;
  if (k && typeof k.value === 'number') {
    const n = base.k === 'array' ? base.count : base.k === 'vec' ? base.n : base.c;
    if (k.value < 0 || (n !== null && k.value >= n)) fail(e.index.pos, `index ${k.value} is out of bounds`);
  }
  // Dynamic indexing of an array value is fine in C++ (the value is a temporary struct).
  const swizzleView = elementOf(b, e.index, typeof k?.value === 'number' ? k.value : undefined);
  return { type: elem, ref, sideEffects: b.sideEffects || idx.sideEffects, viaPointer, swizzleView };
}

/** `base.name`: a struct member or a vector swizzle (WGSL §8.5.1.1, §8.5.4). */
function member(c: CheckContext, e: Extract<Expr, { kind: 'member' }>): ExprInfo {
  const b = c.expr(e.base);
  let base = b.type;
  let ref = b.ref;
  let viaPointer = false;
  if (base.k === 'ptr') {
    ref = { space: base.space, access: base.access };
    base = base.store;
    viaPointer = true;
  }
  if (base.k === 'struct') {
    const m = base.members.find((x) => x.name === e.name);
    if (!m) fail(e.pos, `${base.name} has no member '${e.name}'`);
    return { type: m.type, ref, sideEffects: b.sideEffects, viaPointer };
  }
  if (base.k === 'vec') {
    const set = SWIZZLE_SETS.find((s) => [...e.name].every((ch) => s.includes(ch)));
    if (!set || e.name.length > 4) fail(e.pos, `invalid vector swizzle '.${e.name}'`);
    const idx = [...e.name].map((ch) => set.indexOf(ch));
    if (idx.some((i) => i >= base.n))
      fail(e.pos, `swizzle '.${e.name}' is out of range for ${typeName(base)}`);
    // Multi-component swizzles are values (WGSL §8.5.1.1), not references; of a vector in memory they
    // are swizzle views, which may be assigned to (check/swizzle-view.ts).
    const swizzleView = swizzleOf(e.base, b, ref, viaPointer, idx);
    if (idx.length === 1 && !swizzleView)
      return { type: scalar(base.e), ref, sideEffects: b.sideEffects, swizzle: idx, viaPointer };
    return {
      type: idx.length === 1 ? scalar(base.e) : vec(idx.length as 2 | 3 | 4, base.e),
      sideEffects: b.sideEffects,
      swizzle: idx,
      viaPointer,
      swizzleView,
    };
  }
  return fail(e.pos, `${typeName(base)} has no member '${e.name}'`);
}
