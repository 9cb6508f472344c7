/**
 * Result types of the unary and binary operators (WGSL spec §8.6 "Logical Expressions", §8.7
 * "Arithmetic Expressions", §8.8 "Comparison Expressions", §8.9 "Bit Expressions", §8.13 "Address-Of",
 * §8.14 "Indirection"), with the conversion of abstract operands. The emitter asks binaryType again for
 * compound assignments, so it lives here, apart from the checker's state.
 */
import { fail, type Pos } from '../../diagnostics';
import type { Typed } from '../consteval';
import {
  BOOL,
  isAbstract,
  isBool,
  isHandle,
  isIntKind,
  type ScalarKind,
  scalarOf,
  type Type,
  typeName,
  unifyScalar,
  vec,
  withScalar,
} from '../types';
import type { ExprInfo } from './annotations';

/** A unary operator applied to a checked operand. */
export function unaryType(pos: Pos, op: '&' | '*' | '!' | '~' | '-', o: ExprInfo): ExprInfo {
  switch (op) {
    case '&': {
      if (isHandle(o.type))
        fail(pos, `cannot take the address of ${typeName(o.type)} (WGSL §6.4.3: handles have no pointers)`);
      if (o.swizzleView) fail(pos, 'cannot take the address of a vector swizzle');
      if (!o.ref) fail(pos, "'&' needs a variable, element or member");
      if (o.swizzle) fail(pos, 'cannot take the address of a vector component');
      return {
        type: { k: 'ptr', space: o.ref.space, store: o.type, access: o.ref.access },
        sideEffects: o.sideEffects,
      };
    }
    case '*': {
      if (o.type.k !== 'ptr') fail(pos, `'*' needs a pointer, not ${typeName(o.type)}`);
      return {
        type: o.type.store,
        ref: { space: o.type.space, access: o.type.access },
        sideEffects: o.sideEffects,
      };
    }
    case '!':
      if (!isBool(o.type)) fail(pos, `'!' needs bool, not ${typeName(o.type)}`);
      return { type: o.type, sideEffects: o.sideEffects };
    case '~': {
      const s = scalarOf(o.type);
      if (!s || !isIntKind(s) || o.type.k === 'mat')
        fail(pos, `'~' needs an integer, not ${typeName(o.type)}`);
      return { type: o.type, sideEffects: o.sideEffects };
    }
    case '-': {
      const s = scalarOf(o.type);
      if (!s || s === 'bool' || s === 'u32') fail(pos, `cannot negate ${typeName(o.type)}`);
      return { type: o.type, sideEffects: o.sideEffects };
    }
  }
}

/**
 * Result type of a binary operator (WGSL §8.7–§8.9), with operand conversion of abstract types.
 * `right`: the right operand's position and constant value, when known, to refuse a constant shift
 * amount of 32 or more.
 */
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

function noOperator(pos: Pos, op: string, a: Type, b: Type): never {
  return fail(pos, `no operator '${op}' for ${typeName(a)} and ${typeName(b)}`);
}

export function binaryType(
  pos: Pos,
  op: string,
  a: Type,
  b: Type,
  right?: { pos: Pos; konst?: Typed },
): { type: Type; opScalar: ScalarKind } {
  const sa = scalarOf(a);
  const sb = scalarOf(b);
  if (!sa || !sb) return noOperator(pos, op, a, b);
  if (op === '<<' || op === '>>') {
    if (!isIntKind(sa) || !isIntKind(sb) || sb === 'i32') noOperator(pos, op, a, b);
    if (a.k === 'mat' || b.k === 'mat' || (a.k === 'vec') !== (b.k === 'vec')) noOperator(pos, op, a, b);
    const k = right?.konst;
    if (right && k && typeof k.value === 'number' && sa !== 'abstract-int' && k.value >= 32) {
      fail(right.pos, `shift amount ${k.value} is not less than the bit width 32`);
    }
    // An abstract left operand next to a concrete shift amount becomes i32 (WGSL §8.9 overloads).
    const type = isAbstract(sa) && !isAbstract(sb) ? withScalar(a, 'i32') : a;
    return { type, opScalar: scalarOf(type)! };
  }
  const s = unifyScalar(sa, sb);
  if (!s) noOperator(pos, op, a, b);
  const comparison = COMPARISONS.has(op);
  if (comparison) {
    if (a.k === 'mat' || b.k === 'mat' || a.k !== b.k) noOperator(pos, op, a, b);
    if (a.k === 'vec' && b.k === 'vec' && a.n !== b.n) noOperator(pos, op, a, b);
    if (s === 'bool' && op !== '==' && op !== '!=') noOperator(pos, op, a, b);
    return { type: a.k === 'vec' ? vec(a.n, 'bool') : BOOL, opScalar: s };
  }
  if (op === '&' || op === '|' || op === '^') {
    if (!(isIntKind(s) || (s === 'bool' && op !== '^'))) noOperator(pos, op, a, b);
    if (a.k === 'mat' || b.k === 'mat' || a.k !== b.k) noOperator(pos, op, a, b);
    return { type: withScalar(a, s), opScalar: s };
  }
  if (!ARITHMETIC.has(op) || s === 'bool') noOperator(pos, op, a, b);
  // Matrix arithmetic (WGSL §8.7.3).
  if (a.k === 'mat' || b.k === 'mat') {
    if (op === '*' && a.k === 'mat' && b.k === 'vec' && b.n === a.c)
      return { type: vec(a.r, s), opScalar: s };
    if (op === '*' && a.k === 'vec' && b.k === 'mat' && a.n === b.r)
      return { type: vec(b.c, s), opScalar: s };
    if (op === '*' && a.k === 'mat' && b.k === 'mat' && a.c === b.r)
      return { type: { k: 'mat', c: b.c, r: a.r, e: s }, opScalar: s };
    if (op === '*' && a.k === 'mat' && b.k === 'scalar') return { type: withScalar(a, s), opScalar: s };
    if (op === '*' && a.k === 'scalar' && b.k === 'mat') return { type: withScalar(b, s), opScalar: s };
    if ((op === '+' || op === '-') && a.k === 'mat' && b.k === 'mat' && a.c === b.c && a.r === b.r) {
      return { type: withScalar(a, s), opScalar: s };
    }
    return noOperator(pos, op, a, b);
  }
  if (a.k === 'vec' && b.k === 'vec' && a.n !== b.n) noOperator(pos, op, a, b);
  const shape = a.k === 'vec' ? a : b;
  return { type: withScalar(shape, s), opScalar: s };
}
