/**
 * Module-scope constants that are not plain scalars (vectors, matrices, arrays, structs) become
 * functions returning their value; plain scalars are written into their uses as literals
 * (expressions.ts).
 */
import type { Type } from '../front/types';
import { FunctionEmitter } from './function';
import type { ModuleToEmit } from './module-input';
import { cppType } from './types';

export function moduleConstFunctions(m: ModuleToEmit): string[] {
  const names = m.checker.names;
  const out: string[] = [];
  for (const c of m.checker.moduleConsts.values()) {
    if (c.value && typeof c.value.value !== 'object') continue;
    const t = cppType(concreteOf(c.type), names);
    const v = new FunctionEmitter(m.checker, undefined).emitConstExpr(c.decl.init!, concreteOf(c.type));
    out.push(`// wgsl:${c.decl.pos.line} const ${c.decl.name}\nDUET_FN ${t} ${c.cname}() { return ${v}; }`);
  }
  return out;
}

function concreteOf(t: Type): Type {
  if (t.k === 'scalar' && t.s === 'abstract-int') return { k: 'scalar', s: 'i32' };
  if (t.k === 'scalar' && t.s === 'abstract-float') return { k: 'scalar', s: 'f32' };
  if (t.k === 'vec' && (t.e === 'abstract-int' || t.e === 'abstract-float')) {
    return { k: 'vec', n: t.n, e: t.e === 'abstract-int' ? 'i32' : 'f32' };
  }
  if (t.k === 'mat' && t.e === 'abstract-float') return { ...t, e: 'f32' };
  if (t.k === 'array') return { ...t, e: concreteOf(t.e) };
  return t;
}
