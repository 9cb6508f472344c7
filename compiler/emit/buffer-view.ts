/**
 * Emits `bufferView`, `bufferArrayView` and `bufferLength` (WGSL language feature `buffer_view`;
 * checked in compiler/front/check/buffer-view-calls.ts). A pointer to a buffer is a `duet_buf` (bytes
 * and length, compiler/preludes/common.h section buffer-view); a view is a pointer into those bytes at
 * an offset the prelude's duet_bufferSpan clamps as Tint's robustness does (robustness.cc
 * `ClampBufferViewArgs`: when offset + size passes bufferLength the view moves to offset 0 with the
 * type's minimum size), so a hostile run-time offset or size never reaches outside the buffer. A view
 * of a runtime-sized array (alone or as a struct's last member) is a duet_rt bound to the view's bytes
 * (its arrayLength is Tint's: (end - array offset) / stride), held in a temporary of the enclosing block.
 */
import type { CallExpr, Expr } from '../front/ast';
import { viewShape } from '../front/buffer-view';
import { type Type, U32 } from '../front/types';
import type { EmitContext } from './context';
import { emitChildren } from './order';

/**
 * The runtime-sized member views of struct views: the call that made the view → its duet_rt
 * temporary, for `p.tail` (accesses.ts). A `let` is emitted before its uses, so the entry is current.
 */
const tailViews = new WeakMap<Expr, string>();

/** `p` as a duet_buf whose length is at most N when p points to a `buffer<N>` (a smaller parameter type). */
function bufferArg(ctx: EmitContext, e: Expr, text: string): string {
  const t = ctx.info(e).type;
  const n = t.k === 'ptr' && t.store.k === 'buffer' ? t.store.size : null;
  return n === null ? text : `duet_buf_sized(${text}, ${n}u)`;
}

export function emitBufferViewCall(ctx: EmitContext, e: CallExpr, name: string, targ?: Type): string {
  const ptrType = ctx.info(e.args[0]!).type;
  if (name === 'bufferLength') {
    // bufferLength of a `buffer<N>` is N (Tint array_length_from.cc: the type's constant count).
    if (ptrType.k === 'ptr' && ptrType.store.k === 'buffer' && ptrType.store.size !== null)
      return `${ptrType.store.size}u`;
    const [p] = emitChildren(ctx, [{ e: e.args[0]! }]);
    return `(${p}).len`;
  }
  const t = targ!;
  const shape = viewShape(t);
  const texts = emitChildren(
    ctx,
    e.args.map((a) => ({ e: a, want: ctx.info(a).type.k === 'ptr' ? undefined : U32 })),
  );
  const b = ctx.temp();
  ctx.line(`const duet_buf ${b} = ${bufferArg(ctx, e.args[0]!, texts[0]!)};`);
  const sized = name === 'bufferArrayView';
  const span = ctx.temp();
  // An i32 offset or size converts to u32 (Tint bitcasts it): a negative one is huge and moves the view.
  const size = sized ? `(unsigned)(${texts[2]})` : '0u';
  const tail = shape.tail ? `${shape.tail.offset}u, ${shape.tail.stride}u` : '0u, 1u';
  ctx.line(
    `const duet_span ${span} = duet_bufferSpan(${b}, (unsigned)(${texts[1]}), ${shape.align}u, ${shape.minSize}u, ${sized}, ${size}, ${tail});`,
  );
  if (!shape.tail) return `duet_bufferAt<${ctx.cppType(t)}>(${b}, ${span})`;
  const view = ctx.temp();
  if (t.k === 'array') {
    ctx.line(`${ctx.cppType(t)} ${view};`);
    ctx.line(`duet_bufferTail(&${view}, ${b}, ${span}, 0u);`);
    return `(&${view})`;
  }
  // A struct ending in a runtime-sized array: the struct's fixed part at the span, its array a view.
  const last = (t as Extract<Type, { k: 'struct' }>).members.at(-1)!;
  ctx.line(`${ctx.cppType(last.type)} ${view};`);
  ctx.line(`duet_bufferTail(&${view}, ${b}, ${span}, ${shape.tail.offset}u);`);
  tailViews.set(e, view);
  return `duet_bufferAt<${ctx.cppType(t)}>(${b}, ${span})`;
}

/**
 * The view of the runtime-sized last member of a struct that `bufferView` / `bufferArrayView` made,
 * when `e` names that struct: the call itself or a `let` (through `&` / `*`) initialized by it.
 */
export function bufferViewTail(ctx: EmitContext, e: Expr): string | undefined {
  if (e.kind === 'unary' && (e.op === '*' || e.op === '&')) return bufferViewTail(ctx, e.operand);
  if (e.kind === 'call') return tailViews.get(e);
  if (e.kind !== 'ident') return undefined;
  const sym = ctx.info(e).symbol;
  if (sym?.kind === 'local' && sym.decl.declKind === 'let' && sym.decl.init)
    return bufferViewTail(ctx, sym.decl.init);
  return undefined;
}
