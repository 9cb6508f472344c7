/**
 * Module-scope constants that are not plain scalars (vectors, matrices, arrays, structs) become
 * functions returning their value; plain scalars are written into their uses as literals
 * (expressions.ts). A table (front/check/const-tables.ts: bigger than an invocation's allowance) is
 * instead one object in static read-only storage with a constant aggregate initialiser: on the CPU a
 * namespace-scope `static const`, in CUDA a `__device__ const` in global memory (not `__constant__`,
 * whose 64 KiB bank it would overflow; nvcc refuses dynamic initialisation of `__device__` variables,
 * CUDA C++ Programming Guide "Device Memory Space Specifiers" / "Initialization"). Indexing it goes
 * through duet_array's clamped operator[] as for any array.
 */
import type { Expr } from '../front/ast';
import type { Checker } from '../front/check/checker';
import { concretizeDefault, type Type } from '../front/types';
import { layoutOf } from '../layout';
import { FunctionEmitter } from './function';
import type { ModuleToEmit } from './module-input';
import { cppType, scalarLiteral } from './types';

export function moduleConstFunctions(m: ModuleToEmit): string[] {
  const names = m.checker.names;
  const out: string[] = [];
  for (const c of m.checker.moduleConsts.values()) {
    if (c.value && typeof c.value.value !== 'object') continue;
    const type = concretizeDefault(c.type);
    const head = `// wgsl:${c.decl.pos.line} const ${c.decl.name}`;
    if (c.table) {
      const storage = m.target === 'cuda' ? '__device__ const' : 'static const';
      const init = initializer(m.checker, c.decl.init!, type);
      out.push(`${head} (one read-only copy)\n${storage} ${cppType(type, names)} ${c.cname} = ${init};`);
      continue;
    }
    const v = new FunctionEmitter(m.checker, undefined).emitConstExpr(c.decl.init!, type);
    out.push(`${head}\nDUET_FN ${cppType(type, names)} ${c.cname}() { return ${v}; }`);
  }
  return out;
}

/** The C++ aggregate initialiser of `e` (a shape const-tables.ts accepted) as a `t`. */
function initializer(checker: Checker, e: Expr, t: Type): string {
  if (t.k === 'scalar') return scalarLiteral(checker.scope.constValue(e)!, t.s);
  if (t.k === 'vec') {
    const k = checker.scope.constValue(e)!;
    const parts = Array.isArray(k.value) ? k.value : Array.from({ length: t.n }, () => k.value);
    return `{${parts.map((v) => scalarLiteral({ value: v, kind: k.kind }, t.e)).join(', ')}}`;
  }
  if (e.kind !== 'call') throw new Error(`const table: unexpected ${e.kind} at ${e.pos.line}:${e.pos.col}`);
  if (e.args.length === 0) return '{}'; // the zero value
  if (t.k === 'array') {
    // An array element vec3 is duet_v3p (common.h), a vec3 base and its padding.
    const wrap = t.e.k === 'vec' && t.e.n === 3;
    const elems = e.args.map((a) => initializer(checker, a, t.e));
    return `{{${(wrap ? elems.map((x) => `{${x}}`) : elems).join(', ')}}}`;
  }
  if (t.k === 'struct') {
    // Positional, with `{}` for each padding member structDefinition (types.ts) declares between members.
    const layout = layoutOf(t) as Extract<ReturnType<typeof layoutOf>, { kind: 'struct' }>;
    const parts: string[] = [];
    let offset = 0;
    t.members.forEach((mem, i) => {
      const ml = layout.members[i]!;
      if (ml.offset > offset) parts.push('{}');
      parts.push(initializer(checker, e.args[i]!, mem.type));
      offset = ml.offset + ml.layout.size;
    });
    return `{${parts.join(', ')}}`;
  }
  throw new Error(`const table: unexpected type at ${e.pos.line}:${e.pos.col}`);
}
