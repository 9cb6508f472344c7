/**
 * Emits indexing, member access and swizzles (WGSL §8.5–§8.6). Out-of-bounds indices are the
 * containers' own concern (robustness, Tint's robustness.cc): see `emitIndex`. A buffer's runtime-sized
 * last member is reached through its binding's bounded view.
 */
import { unsupported } from '../diagnostics';
import type { Expr } from '../front/ast';
import type { ExprInfo, WgslSymbol } from '../front/check/annotations';
import { concretizeDefault, isAbstract, U32 } from '../front/types';
import { bufferViewTail } from './buffer-view';
import type { EmitContext, Mode } from './context';
import { emitChildren } from './order';
import { stripParens } from './text';

const SWIZZLE = 'xyzw';

export function emitIndex(ctx: EmitContext, e: Extract<Expr, { kind: 'index' }>, i: ExprInfo): string {
  const bi = ctx.info(e.base);
  const baseMode: Mode = bi.ref && !i.viaPointer ? 'ref' : 'value';
  const idxType = concretizeDefault(ctx.info(e.index).type);
  const [b0, idx] = emitChildren(ctx, [
    { e: e.base, mode: baseMode },
    { e: e.index, want: idxType.k === 'scalar' && isAbstract(idxType.s) ? U32 : idxType },
  ]);
  const base = i.viaPointer ? `(*${b0})` : b0!;
  // WGSL robustness (an out-of-bounds index clamps to the last element) is the containers' own:
  // duet_array, duet_rt, vec and mat bound every index by their own size (compiler/preludes/common.h),
  // so the text names the index only. A clamp here as well did not fold away (nvcc -ptx, scripts/prelude-cost.ts).
  // The CPU backend drops the clamp where the index is proven inside a fixed-size array (cpu-index-ranges.ts).
  if (ctx.indexRanges?.inBounds(e)) return `duet_in(${base}, ${stripParens(idx!)})`;
  // An element of the row's window of this view (compiler/emit/fission-row-windows.ts).
  if (ctx.rowWindowAccesses?.has(e)) return `duet_win(${base}, duet_lx, ${stripParens(idx!)})`;
  return `${base}[${stripParens(idx!)}]`;
}

export function emitMember(
  ctx: EmitContext,
  e: Extract<Expr, { kind: 'member' }>,
  i: ExprInfo,
  mode: Mode,
): string {
  const bi = ctx.info(e.base);
  let baseType = bi.type;
  if (baseType.k === 'ptr') baseType = baseType.store;
  // The runtime-sized last member of a buffer struct is a separate view: ctx.<binding>_<member>.
  if (baseType.k === 'struct') {
    const m = baseType.members.find((x) => x.name === e.name)!;
    if (m.type.k === 'array' && m.type.count === null) {
      const tail = bufferViewTail(ctx, e.base);
      if (tail) return tail;
      const root = bufferRoot(ctx, e.base);
      if (root?.kind !== 'global') {
        unsupported(e.pos, 'a runtime-sized array reached through a pointer parameter');
      }
      return `ctx.${ctx.names.view(root.g.decl.name)}`;
    }
  }
  const baseMode: Mode =
    bi.ref && !i.viaPointer && (mode === 'ref' || baseType.k !== 'vec') ? 'ref' : 'value';
  const b0 = ctx.expr(e.base, undefined, bi.ref && !i.viaPointer ? baseMode : 'value');
  const base = i.viaPointer ? `(*${b0})` : b0;
  if (baseType.k === 'struct') {
    const deref = /^\(\*([A-Za-z_][A-Za-z0-9_.]*)\)$/.exec(base);
    const m = ctx.names.member(baseType, e.name);
    return deref ? `${deref[1]}->${m}` : `${base}.${m}`;
  }
  const sw = i.swizzle!;
  if (sw.length === 1) return `${base}.${SWIZZLE[sw[0]!]}`;
  return `duet_swizzle<${sw.join(', ')}>(${base})`;
}

/**
 * The buffer a struct expression names: the global itself, or a `let` pointer (or a chain of `&` / `*`
 * over one) whose initializer names it. WGSL fixes a `let` pointer's originating variable where it is
 * declared (section 6.4.3), so the chain resolves statically; a pointer parameter's does not.
 */
function bufferRoot(ctx: EmitContext, e: Expr): WgslSymbol | undefined {
  if (e.kind === 'unary' && (e.op === '*' || e.op === '&')) return bufferRoot(ctx, e.operand);
  if (e.kind !== 'ident') return undefined;
  const sym = ctx.info(e).symbol;
  if (sym?.kind === 'local' && sym.decl.declKind === 'let' && sym.type.k === 'ptr' && sym.decl.init) {
    return bufferRoot(ctx, sym.decl.init);
  }
  return sym;
}
