/** Emits value constructors (WGSL §17.1) of scalars, vectors, matrices, arrays and structures. */
import { unsupported } from '../diagnostics';
import type { CallExpr } from '../front/ast';
import { concretizeDefault, isAbstract, scalar, scalarOf, type Type, typeName, vec } from '../front/types';
import type { EmitContext } from './context';
import { convert, isFolded } from './conversions';
import { emitChildren } from './order';
import { cppScalar, scalarLiteral } from './types';

export function emitConstruct(ctx: EmitContext, e: CallExpr, type: Type): string {
  const args = e.args;
  if (args.length === 0) {
    if (type.k === 'scalar') return scalarLiteral({ value: 0, kind: 'abstract-int' }, type.s);
    return `${ctx.cppType(type)}{}`;
  }
  switch (type.k) {
    case 'scalar': {
      const arg = ctx.info(args[0]!);
      // A folded abstract value converts exactly (its constant is the result); any other is concretized
      // first, then converted with WGSL's conversion (float → int saturates, §15.7). See `folded`.
      const exact = isAbstract(scalarOf(arg.type)!) && isFolded(ctx, args[0]!);
      const from = exact ? type : concretizeDefault(arg.type);
      const [a] = emitChildren(ctx, [{ e: args[0]!, want: from }]);
      return convert(a!, from, type);
    }
    case 'vec': {
      const el = scalar(type.e);
      const first = ctx.info(args[0]!).type;
      if (args.length === 1 && first.k === 'scalar') {
        const [a] = emitChildren(ctx, [{ e: args[0]!, want: el }]);
        return `duet_splat<${ctx.cppType(type)}>(${a})`;
      }
      if (args.length === 1 && first.k === 'vec') {
        const from = isAbstract(first.e) && isFolded(ctx, args[0]!) ? type : concretizeDefault(first);
        const [a] = emitChildren(ctx, [{ e: args[0]!, want: from }]);
        return convert(a!, from, type);
      }
      // A run-time abstract component (`vec2<i32>(A[i], 1)`) is concretized, then converted.
      const wants = args.map((a) => {
        const t = ctx.info(a).type;
        const as = t.k === 'vec' ? vec(t.n, type.e) : el;
        return isAbstract(scalarOf(t)!) && !isFolded(ctx, a) ? concretizeDefault(t) : as;
      });
      const parts = emitChildren(
        ctx,
        args.map((a, k) => ({ e: a, want: wants[k] })),
      ).map((text, k) => {
        const t = ctx.info(args[k]!).type;
        return convert(text, wants[k]!, t.k === 'vec' ? vec(t.n, type.e) : el);
      });
      if (args.every((a) => ctx.info(a).type.k === 'scalar'))
        return `${ctx.cppType(type)}{${parts.join(', ')}}`;
      return `duet_vec${type.n}(${parts.join(', ')})`;
    }
    case 'mat': {
      const first = ctx.info(args[0]!).type;
      const tparams = `${cppScalar(type.e)}, ${type.c}, ${type.r}`;
      if (args.length === 1 && first.k === 'mat') {
        const from = isAbstract(first.e) ? type : first;
        const [a] = emitChildren(ctx, [{ e: args[0]!, want: from }]);
        return convert(a!, from, type);
      }
      if (first.k === 'vec') {
        const cols = emitChildren(
          ctx,
          args.map((a) => ({ e: a, want: vec(type.r, type.e) })),
        );
        return `duet_make_mat<${tparams}>(${cols.join(', ')})`;
      }
      const ss = emitChildren(
        ctx,
        args.map((a) => ({ e: a, want: scalar(type.e) })),
      );
      return `duet_make_mat_scalars<${tparams}>(${ss.join(', ')})`;
    }
    case 'array': {
      const items = emitChildren(
        ctx,
        args.map((a) => ({ e: a, want: type.e })),
      );
      return `duet_make_array<${ctx.cppType(type.e)}, ${type.count}>(${items.join(', ')})`;
    }
    case 'struct': {
      const items = emitChildren(
        ctx,
        args.map((a, k) => ({ e: a, want: type.members[k]!.type })),
      );
      return `duet_make_${ctx.names.struct(type)}(${items.join(', ')})`;
    }
    default:
      return unsupported(e.pos, `constructing ${typeName(type)}`);
  }
}
