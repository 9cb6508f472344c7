/**
 * If-conversion in a CPU loop-fission row's fast path (entry-cpu-fission.ts, issue 25): a guarded
 * assignment `if (c) { x = e; }` is emitted as `t = e; x = c ? t : x;`, e evaluated whether or not c
 * holds, so the row's loop has no branch and g++ vectorises it (matmul-tiled's guarded tile loads).
 * That is the same program when evaluating e changes nothing and cannot fault: c and e have no side
 * effect and call nothing but value constructors; every memory access Duet emits is bounded by its
 * container (an index out of range clamps, WGSL section 6.4.3 "Out-of-Bounds Access"), integer division
 * by zero is defined (WGSL section 8.7, duet_div), and floating-point operations do not trap. x is a
 * function-scope variable of scalar or vector type, written whole. `&&` and `||` between such
 * conditions become `&` and `|`: the right side has no effect, so evaluating it changes nothing.
 */
import type { Expr, IfStmt } from '../front/ast';
import { scalar } from '../front/types';
import type { EmitContext } from './context';
import { someExpr } from './fission-shape';
import { stripParens } from './text';

/** Emits `s` if-converted and returns true, or emits nothing and returns false. */
export function speculatedIf(ctx: EmitContext, s: IfStmt): boolean {
  if (s.else || s.then.stmts.length !== 1) return false;
  const a = s.then.stmts[0]!;
  if (a.kind !== 'assign' || a.op !== '=' || a.lhs?.kind !== 'ident') return false;
  const sym = ctx.info(a.lhs).symbol;
  if (sym?.kind !== 'local' || !sym.mutable || (sym.type.k !== 'scalar' && sym.type.k !== 'vec'))
    return false;
  if (!effectless(ctx, s.cond) || !effectless(ctx, a.rhs)) return false;
  ctx.line('// if-converted: both sides evaluated (speculate.ts)');
  const t = ctx.temp();
  ctx.line(`const ${ctx.cppType(sym.type)} ${t} = ${stripParens(ctx.expr(a.rhs, sym.type))};`);
  const x = ctx.expr(a.lhs, undefined, 'ref');
  ctx.line(`${x} = ${condition(ctx, s.cond)} ? ${t} : ${x};`);
  return true;
}

function effectless(ctx: EmitContext, e: Expr): boolean {
  return (
    !ctx.info(e).sideEffects && !someExpr(e, (x) => x.kind === 'call' && ctx.info(x).call?.kind !== 'ctor')
  );
}

function condition(ctx: EmitContext, c: Expr): string {
  if (c.kind === 'binary' && (c.op === '&&' || c.op === '||') && !ctx.info(c).shortCircuit)
    return `(${condition(ctx, c.left)} ${c.op === '&&' ? '&' : '|'} ${condition(ctx, c.right)})`;
  return ctx.expr(c, scalar('bool'));
}
