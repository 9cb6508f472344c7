/**
 * Emits an expression as C++ text (WGSL §8): folded constants as literals of the wanted type (an
 * abstract value must fit, §15.7.1, §15.7.6), names as the variable, binding view or workgroup slot they denote,
 * and the rest by kind through the operator, access and call emitters.
 */
import { fail } from '../diagnostics';
import type { Expr } from '../front/ast';
import type { ExprInfo } from '../front/check/annotations';
import { constFitError } from '../front/const-fit';
import { concretizeDefault, isAbstract, sameType, scalarOf, type Type } from '../front/types';
import { emitIndex, emitMember } from './accesses';
import { emitCall } from './calls';
import type { EmitContext, Mode } from './context';
import { convert } from './conversions';
import { emitBinary, emitUnary } from './operators';
import { scalarLiteral } from './types';

/**
 * Emit `e` as C++ text. Statements needed first (ordered temporaries) are appended to the output.
 * `want` is the concrete type the context needs (abstract values are converted to it).
 */
export function emitExpr(ctx: EmitContext, e: Expr, want?: Type, mode: Mode = 'value'): string {
  const i = ctx.info(e);
  const type = ctx.concrete(e, want);
  // Constants: literals of the wanted type.
  if (mode === 'value' && i.konst && typeof i.konst.value !== 'object' && type.k === 'scalar') {
    // An AbstractInt concretized to i32/u32 must fit (WGSL §15.7.1): 4294967296 / 2 as an i32 is
    // an error, never a value wrapped to 32 bits.
    // So must an abstract value concretized to f32 / f16 (§15.7.6): `let z = 1e39;` is an error.
    const bad = isAbstract(i.konst.kind) ? constFitError(i.konst, type.s) : undefined;
    if (bad) fail(e.pos, bad);
    return scalarLiteral(i.konst, type.s);
  }
  switch (e.kind) {
    case 'lit':
      return scalarLiteral(i.konst!, scalarOf(type)!);
    case 'ident':
      return ident(i, type);
    case 'unary':
      return emitUnary(ctx, e, type);
    case 'binary':
      return emitBinary(ctx, e, i, type);
    case 'index':
      return emitIndex(ctx, e, i);
    case 'member':
      return emitMember(ctx, e, i, mode);
    case 'call':
      return emitCall(ctx, e, i, type);
  }
}

function ident(i: ExprInfo, type: Type): string {
  const s = i.symbol!;
  switch (s.kind) {
    case 'local':
    case 'param':
      return s.cname;
    case 'override':
      return scalarLiteral(s.info.value!, scalarOf(type)!);
    case 'const': {
      const name = s.module && !s.table ? `${s.cname}()` : s.cname; // a table is one static object
      const declared = concretizeDefault(s.type);
      if (sameType(declared, type)) return name;
      return convert(name, declared, type);
    }
    case 'global': {
      const g = s.g;
      switch (g.space) {
        case 'uniform':
        case 'storage':
          return (g.type.k === 'array' && g.type.count === null) || g.type.k === 'buffer'
            ? `ctx.${s.cname}`
            : `(*ctx.${s.cname})`;
        case 'workgroup':
          return `ctx.wg->${s.cname}`;
        default:
          return `ctx.${s.cname}`;
      }
    }
  }
}
