/** Value conversions between concrete types (WGSL §15.7), and which abstract values stay exact. */
import type { Expr } from '../front/ast';
import { sameType, type Type, typeName } from '../front/types';
import type { EmitContext } from './context';
import { cppScalar } from './types';

/**
 * Whether the emitter writes `e`, of abstract type, as exact literals (a folded constant, or a value
 * constructor of such). Anything else of abstract type (a run-time `select(2.5, -3.75, c)`, `A[i]` of a
 * const array) is concretized, AbstractFloat to f32 and AbstractInt to i32 (WGSL §6.4), and converted.
 */
export function isFolded(ctx: EmitContext, e: Expr): boolean {
  const i = ctx.info(e);
  if (i.konst !== undefined) return true;
  return e.kind === 'call' && i.call?.kind === 'ctor' && e.args.every((a) => isFolded(ctx, a));
}

/** Convert C++ value `text` of concrete type `from` to `to` (numeric conversion, WGSL §15.7). */
export function convert(text: string, from: Type, to: Type): string {
  if (sameType(from, to)) return text;
  if (to.k === 'scalar') return `duet_cast<${cppScalar(to.s)}>(${text})`;
  if (to.k === 'vec') return `duet_cast_vec<${cppScalar(to.e)}>(${text})`;
  if (to.k === 'mat') return `duet_cast_mat<${cppScalar(to.e)}>(${text})`;
  throw new Error(`cannot convert ${typeName(from)} to ${typeName(to)}`);
}
