/**
 * Value constructors and conversions (WGSL spec §17.1 "Constructor Built-in Functions",
 * https://www.w3.org/TR/WGSL/#constructor-builtin-function): `T(...)` for a written type, and the
 * forms whose type is inferred from the arguments (`vec3(...)`, `mat2x2(...)`, `array(...)`).
 */
import { fail, type Pos } from '../../diagnostics';
import type { CallExpr } from '../ast';
import {
  canConvert,
  canConvertScalar,
  isAbstract,
  isFloatKind,
  type ScalarKind,
  scalar,
  scalarOf,
  type Type,
  typeName,
  unifyScalar,
  unifyTypes,
  vec,
} from '../types';
import type { ExprInfo } from './annotations';
import type { CheckContext } from './context';

/** Names that construct a value of a built-in type. */
export function isTypeName(name: string): boolean {
  return /^(bool|i32|u32|f32|f16|vec[234][fiuh]?|mat[234]x[234][fh]?|array|atomic|ptr)$/.test(name);
}

/** The type `e` constructs from its checked arguments. */
export function construct(c: CheckContext, e: CallExpr, args: ExprInfo[]): Type {
  const name = e.callee.name;
  const pos = e.pos;
  const inferred = /^(vec[234]|mat[234]x[234]|array)$/.test(name) && !e.callee.targs;
  if (!inferred) {
    const t = c.resolveType(e.callee);
    checkCtorArgs(pos, t, args);
    if (scalarOf(t) === 'f16') c.requireF16Feature(pos);
    return t;
  }
  // `vecN()` is the zero vecN<AbstractInt> (WGSL section 17.1.2, vector constructors), converted
  // where it is used; matrices and arrays have no inferred zero form.
  if (args.length === 0 && name.startsWith('vec')) return vec(Number(name[3]) as 2 | 3 | 4, 'abstract-int');
  if (args.length === 0) fail(pos, `'${name}()' needs a type: write ${name}<T>()`);
  if (name === 'array') {
    let el = args[0]!.type;
    for (const a of args) {
      const u = unifyTypes(el, a.type);
      if (!u) fail(pos, 'array elements must have the same type');
      el = u;
    }
    return { k: 'array', e: el, count: args.length };
  }
  let s: ScalarKind | undefined;
  for (const a of args) {
    const as = scalarOf(a.type);
    if (!as) fail(pos, `cannot build ${name} from ${typeName(a.type)}`);
    s = s ? unifyScalar(s, as) : as;
    if (!s) fail(pos, `${name} components must have one scalar type`);
  }
  let t: Type;
  if (name.startsWith('vec')) t = vec(Number(name[3]) as 2 | 3 | 4, s!);
  else {
    if (!isFloatKind(s!)) s = 'abstract-float';
    t = { k: 'mat', c: Number(name[3]) as 2 | 3 | 4, r: Number(name[5]) as 2 | 3 | 4, e: s! };
  }
  checkCtorArgs(pos, t, args);
  return t;
}

function checkCtorArgs(pos: Pos, t: Type, args: ExprInfo[]): void {
  const bad: () => never = () =>
    fail(pos, `cannot construct ${typeName(t)} from (${args.map((a) => typeName(a.type)).join(', ')})`);
  if (args.length === 0) {
    if (t.k === 'array' && t.count === null) bad();
    if (t.k === 'atomic' || t.k === 'ptr') bad();
    return;
  }
  switch (t.k) {
    case 'scalar': {
      // Conversion (WGSL §17.1.2): any scalar to any scalar.
      if (args.length !== 1 || args[0]!.type.k !== 'scalar') bad();
      return;
    }
    case 'vec': {
      if (args.length === 1 && args[0]!.type.k === 'vec' && (args[0]!.type as { n: number }).n === t.n)
        return; // conversion
      if (args.length === 1 && args[0]!.type.k === 'scalar') {
        if (!canConvertScalar(args[0]!.type.s, t.e)) bad();
        return; // splat
      }
      let n = 0;
      for (const a of args) {
        const as = scalarOf(a.type);
        if (!as || a.type.k === 'mat' || !canConvertScalar(as, t.e) || (as !== t.e && !isAbstract(as))) bad();
        n += a.type.k === 'vec' ? a.type.n : 1;
      }
      if (n !== t.n) bad();
      return;
    }
    case 'mat': {
      if (args.length === 1 && args[0]!.type.k === 'mat') return;
      const colsOk =
        args.length === t.c &&
        args.every((a) => a.type.k === 'vec' && a.type.n === t.r && canConvert(a.type, vec(t.r, t.e)));
      const scalarsOk =
        args.length === t.c * t.r &&
        args.every((a) => a.type.k === 'scalar' && canConvert(a.type, scalar(t.e)));
      if (!colsOk && !scalarsOk) bad();
      return;
    }
    case 'array': {
      if (t.count === null || args.length !== t.count) bad();
      for (const a of args) if (!canConvert(a.type, t.e)) bad();
      return;
    }
    case 'struct': {
      if (args.length !== t.members.length) bad();
      t.members.forEach((m, i) => {
        if (!canConvert(args[i]!.type, m.type)) bad();
      });
      return;
    }
    default:
      bad();
  }
}
