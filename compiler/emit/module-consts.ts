/**
 * Module-scope constants that are not plain scalars (vectors, matrices, arrays, structs) become
 * functions returning their value; plain scalars are written into their uses as literals
 * (expressions.ts).
 */
import { concretizeDefault } from '../front/types';
import { FunctionEmitter } from './function';
import type { ModuleToEmit } from './module-input';
import { cppType } from './types';

export function moduleConstFunctions(m: ModuleToEmit): string[] {
  const names = m.checker.names;
  const out: string[] = [];
  for (const c of m.checker.moduleConsts.values()) {
    if (c.value && typeof c.value.value !== 'object') continue;
    const type = concretizeDefault(c.type);
    const v = new FunctionEmitter(m.checker, undefined).emitConstExpr(c.decl.init!, type);
    out.push(
      `// wgsl:${c.decl.pos.line} const ${c.decl.name}\nDUET_FN ${cppType(type, names)} ${c.cname}() { return ${v}; }`,
    );
  }
  return out;
}
