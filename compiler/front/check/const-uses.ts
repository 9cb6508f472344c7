/**
 * Which named constants the emitter writes. An abstract constant is materialized (WGSL §6.4: given a
 * concrete type) only where a use needs a concrete value; a `const` every use of which folds to a
 * literal stays abstract and is not written at all, so `const K = vec2(4294967296, 1);` read only as
 * `K[1]` is valid, as WGSL says, instead of a vec2<i32> that cannot hold 4294967296.
 */
import type { Expr } from '../ast';
import type { ExprInfo, WgslSymbol } from './annotations';

type ConstSymbol = WgslSymbol & { kind: 'const' };

/**
 * Marks each of `consts` `folded` unless some use of it in `roots` (the emitted function bodies and
 * private initializers, and the module constants they write) is written as code; returns the
 * constants that are written.
 */
export function markFoldedConsts(
  roots: unknown[],
  info: ReadonlyMap<Expr, ExprInfo>,
  consts: Iterable<ConstSymbol>,
): Set<ConstSymbol> {
  const written = new Set<ConstSymbol>();
  const all = [...consts];
  // No named constant: nothing to mark, and the walk over every emitted node is skipped.
  if (all.length === 0) return written;
  const walk = (n: unknown): void => {
    if (typeof n !== 'object' || n === null) return;
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    const i = info.get(n as Expr);
    // The emitter writes a scalar constant as a literal: nothing below it is emitted.
    if (i?.konst && typeof i.konst.value !== 'object' && i.type.k === 'scalar') return;
    const s = i?.symbol;
    if (s?.kind === 'const' && !written.has(s)) {
      written.add(s);
      // A module constant is written as a function of its initializer, whose names are written too.
      if (s.module) walk(s.decl.init);
    }
    for (const k in n) if (k !== 'pos') walk((n as Record<string, unknown>)[k]);
  };
  walk(roots);
  for (const s of all) s.folded = !written.has(s);
  return written;
}
