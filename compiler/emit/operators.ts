/**
 * Emits unary and binary operators with WGSL semantics (§8.7 arithmetic, §8.9 bit operations): i32
 * arithmetic wraps and integer division, remainder and shifts go through prelude helpers (Tint's
 * builtin_polyfill.cc, signed_integer_polyfill.cc); `&&` / `||` with side effects on the right
 * short-circuit through a temporary.
 */
import type { Expr } from '../front/ast';
import type { ExprInfo } from '../front/check/annotations';
import { concretizeDefault, type ScalarKind, scalar, scalarOf, type Type, withScalar } from '../front/types';
import type { EmitContext } from './context';
import { emitChildren } from './order';
import { concreteScalar, stripParens } from './text';

export function emitUnary(ctx: EmitContext, e: Extract<Expr, { kind: 'unary' }>, type: Type): string {
  switch (e.op) {
    case '&': {
      const o = ctx.expr(e.operand, undefined, 'ref');
      // A pointer to a buffer is a duet_buf value (compiler/emit/buffer-view.ts).
      if (ctx.info(e.operand).type.k === 'buffer') return `duet_buf_of(${o})`;
      return `(&${o})`;
    }
    case '*': {
      const o = ctx.expr(e.operand);
      const p = ctx.info(e.operand).type;
      if (p.k === 'ptr' && p.store.k === 'buffer') return o;
      return `(*${o})`;
    }
    case '!':
      return `(!${ctx.expr(e.operand, type)})`;
    case '~':
      return `(~${ctx.expr(e.operand, type)})`;
    case '-': {
      const o = ctx.expr(e.operand, type);
      const s = scalarOf(type);
      if (s === 'i32') return `duet_neg(${o})`;
      return `(-${o})`;
    }
  }
}

export function emitBinary(
  ctx: EmitContext,
  e: Extract<Expr, { kind: 'binary' }>,
  i: ExprInfo,
  type: Type,
): string {
  const li = ctx.info(e.left);
  const ri = ctx.info(e.right);
  if (e.op === '&&' || e.op === '||') {
    // The const left side decides: the right side is never evaluated (WGSL §8.7), so not emitted.
    if (i.shortCircuit) return ctx.expr(e.left, scalar('bool'));
    if (!ri.sideEffects) {
      const [l, r] = emitChildren(ctx, [
        { e: e.left, want: scalar('bool') },
        { e: e.right, want: scalar('bool') },
      ]);
      return `(${l} ${e.op} ${r})`;
    }
    // Short-circuit with side effects on the right: evaluate the right side only when needed.
    const l = ctx.expr(e.left, scalar('bool'));
    const t = ctx.temp();
    ctx.line(`bool ${t} = ${stripParens(l)};`);
    ctx.line(e.op === '&&' ? `if (${t}) {` : `if (!${t}) {`);
    ctx.indent++;
    const r = ctx.expr(e.right, scalar('bool'));
    ctx.line(`${t} = ${stripParens(r)};`);
    ctx.indent--;
    ctx.line('}');
    return t;
  }
  const opScalar = concreteScalar(i.opScalar ?? scalarOf(type)!);
  const shift = e.op === '<<' || e.op === '>>';
  const leftWant = shift ? type : withScalar(li.type, opScalar);
  const rightWant = shift ? withScalar(ri.type, 'u32') : withScalar(ri.type, opScalar);
  const [l, r] = emitChildren(ctx, [
    { e: e.left, want: concretizeDefault(leftWant) },
    { e: e.right, want: concretizeDefault(rightWant) },
  ]);
  return binaryText(e.op, l!, r!, concretizeDefault(leftWant), opScalar);
}

/**
 * C++ for `l op r` with WGSL semantics (WGSL §8.7 arithmetic, §8.9 bit operations). `lt` is the left
 * operand's type (matrix arithmetic is the prelude's own operators), `s` the scalar the operation is in.
 */
/** The type the right side of `e1 op= e2` is emitted as: a shift count is u32, else the operator's scalar. */
export function compoundRightType(op: string, right: Type, s: ScalarKind): Type {
  return op === '<<' || op === '>>' ? withScalar(right, 'u32') : withScalar(right, concreteScalar(s));
}

export function binaryText(op: string, l: string, r: string, lt: Type, s: ScalarKind): string {
  const integer = s === 'i32' || s === 'u32' || s === 'abstract-int';
  switch (op) {
    case '+':
    case '-':
    case '*':
      if (s === 'i32' && lt.k !== 'mat')
        return `${op === '+' ? 'duet_add' : op === '-' ? 'duet_sub' : 'duet_mul'}(${l}, ${r})`;
      return `(${l} ${op} ${r})`;
    case '/':
      return integer ? `duet_div(${l}, ${r})` : `(${l} / ${r})`;
    case '%':
      return `duet_mod(${l}, ${r})`;
    case '<<':
      return `duet_shl(${l}, ${r})`;
    case '>>':
      return `duet_shr(${l}, ${r})`;
    case '&':
    case '|':
      if (s === 'bool') return `${op === '&' ? 'duet_band' : 'duet_bor'}(${l}, ${r})`;
      return `(${l} ${op} ${r})`;
    case '^':
      return `(${l} ^ ${r})`;
    default:
      return `(${l} ${op} ${r})`;
  }
}
