/**
 * Left-to-right evaluation of an expression's operands (WGSL §8 "evaluation order"; Tint's "promote
 * side effects to decl"): operands up to the last one with side effects go to ordered temporaries, so
 * C++'s unspecified evaluation order cannot reorder them.
 */
import type { Expr } from '../front/ast';
import { isHandle, type Type } from '../front/types';
import type { EmitContext, Mode } from './context';
import { isConstantText, stripParens } from './text';

/**
 * Evaluate children left to right. Children before (and including) the last one with side effects are
 * stored in temporaries, so C++'s unspecified evaluation order cannot reorder them.
 */
export function emitChildren(ctx: EmitContext, items: { e: Expr; want?: Type; mode?: Mode }[]): string[] {
  let last = -1;
  items.forEach((it, k) => {
    if (ctx.info(it.e).sideEffects) last = k;
  });
  return items.map((it, k) => {
    const text = ctx.expr(it.e, it.want, it.mode ?? 'value');
    // A texture or sampler names a view no evaluation can change: nothing to keep in order.
    if (k > last || isConstantText(text) || isHandle(ctx.info(it.e).type)) return text;
    return materialize(ctx, it.e, text, it.want, it.mode ?? 'value');
  });
}

function materialize(ctx: EmitContext, e: Expr, text: string, want: Type | undefined, mode: Mode): string {
  const t = ctx.temp();
  const type = ctx.concrete(e, want);
  if (mode === 'ref') ctx.line(`${ctx.cppType(type)}& ${t} = ${text};`);
  else if (type.k === 'void') {
    ctx.line(`${text};`);
    return '';
  } else if (type.k === 'ptr') ctx.line(`${ctx.cppType(type)} const ${t} = ${stripParens(text)};`);
  else ctx.line(`const ${ctx.cppType(type)} ${t} = ${stripParens(text)};`);
  return t;
}
