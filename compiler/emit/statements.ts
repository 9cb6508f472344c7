/**
 * Emits statements (WGSL §9): blocks with `// wgsl:<line>` markers, declarations (zero-initialised),
 * assignments and compound assignments read before their right side (§9.2.3), `if`, `switch`, and every
 * loop with its guard and abort polling (Tint's prevent_infinite_loops.cc). `continue` becomes a jump to
 * the loop's continuing part when the loop has one, which also keeps `continue` inside `switch` correct
 * (Tint's remove_continue_in_switch.cc).
 */
import { CompileError, fail } from '../diagnostics';
import type { Block, Expr, Stmt, VarDecl } from '../front/ast';
import { binaryType } from '../front/check/operators';
import { concretizeDefault, isHandle, scalar, scalarOf } from '../front/types';
import { boundedLoopTrips } from '../loop-trips';
import type { EmitContext, LoopFrame } from './context';
import { binaryText, compoundRightType } from './operators';
import { speculatedIf } from './speculate';
import { emitSwizzleAssign } from './swizzle-assign';
import { isSimple, stripParens } from './text';
import { scalarLiteral } from './types';

export function emitBlock(ctx: EmitContext, b: Block, braces = true): void {
  if (braces) {
    ctx.line('{');
    ctx.indent++;
  }
  for (const s of b.stmts) emitStmt(ctx, s);
  if (braces) {
    ctx.indent--;
    ctx.line('}');
  }
}

/** A `// wgsl:<line>` comment before the first statement of each WGSL line, to trace C++ back to WGSL. */
function mark(ctx: EmitContext, s: Stmt): void {
  if (s.pos.line !== ctx.lastLine && s.kind !== 'block') {
    ctx.line(`// wgsl:${s.pos.line}`);
    ctx.lastLine = s.pos.line;
  }
}

function emitStmt(ctx: EmitContext, s: Stmt): void {
  mark(ctx, s);
  switch (s.kind) {
    case 'block':
      emitBlock(ctx, s);
      return;
    case 'var':
      varDecl(ctx, s);
      return;
    case 'assign':
      assign(ctx, s.op, s.lhs, s.rhs);
      return;
    case 'incdec': {
      const l = ctx.info(s.lhs);
      const ref = lvalue(ctx, s.lhs);
      const one = l.type.k === 'scalar' && l.type.s === 'u32' ? '1u' : '1';
      if (l.type.k === 'scalar' && l.type.s === 'i32') {
        ctx.line(`${ref} = ${s.op === '++' ? 'duet_add' : 'duet_sub'}(${ref}, ${one});`);
      } else {
        ctx.line(`${ref} ${s.op === '++' ? '+=' : '-='} ${one};`);
      }
      return;
    }
    case 'call': {
      const v = ctx.expr(s.call);
      if (v) ctx.line(`${v};`);
      return;
    }
    case 'if':
      ifStmt(ctx, s);
      return;
    case 'switch':
      switchStmt(ctx, s);
      return;
    case 'for': {
      ctx.line('{');
      ctx.indent++;
      if (s.init) emitStmt(ctx, s.init);
      loop(
        ctx,
        s.cond,
        s.body,
        s.update ? { body: { kind: 'block', pos: s.pos, stmts: [s.update] } } : undefined,
        s.pos.line,
        boundedLoopTrips(s, ctx.checker),
      );
      ctx.indent--;
      ctx.line('}');
      return;
    }
    case 'while':
      loop(ctx, s.cond, s.body, undefined, s.pos.line);
      return;
    case 'loop':
      loop(ctx, undefined, s.body, s.continuing, s.pos.line);
      return;
    case 'break':
      ctx.line('break;');
      return;
    case 'continue': {
      const frame = ctx.loops[ctx.loops.length - 1];
      if (frame?.continueLabel) frame.labelUsed = true;
      ctx.line(frame?.continueLabel ? `goto ${frame.continueLabel};` : 'continue;');
      return;
    }
    case 'return': {
      if (!s.value) {
        ctx.line(ctx.voidReturn ?? 'return;');
        return;
      }
      const v = ctx.expr(s.value, ctx.fi!.ret);
      ctx.line(`return ${v};`);
      return;
    }
    case 'discard':
      fail(s.pos, "'discard' is only allowed in fragment shaders");
      return;
    case 'const_assert':
      return;
  }
}

/**
 * A declaration whose variable the caller has declared already (the CPU loop-fission entry keeps it in a
 * per-invocation array, compiler/emit/entry-cpu-fission.ts): `name = init;`.
 */
export function emitDeclAsAssign(ctx: EmitContext, s: VarDecl): void {
  mark(ctx, s);
  varDecl(ctx, s, true);
}

function varDecl(ctx: EmitContext, s: VarDecl, splitInit = false): void {
  const sym = findSymbol(ctx, s);
  if (sym.kind === 'const') {
    const v = sym.value;
    if (v && typeof v.value !== 'object') return; // scalar constants are inlined as literals
    if (sym.folded) return; // every use folds: it stays abstract (front/check/const-uses.ts)
  }
  const type = sym.type;
  const name = sym.cname;
  const ct = ctx.cppType(type);
  if (type.k === 'ptr') {
    const v = ctx.expr(s.init!, type);
    // Its runtime-sized member is reached through the binding's view (see `member`), which can leave
    // the pointer itself unused: nvcc would warn.
    const store = type.store;
    const viewOnly =
      store.k === 'struct' && store.members.some((m) => m.type.k === 'array' && m.type.count === null);
    ctx.line(`${viewOnly ? '[[maybe_unused]] ' : ''}${ct} ${name} = ${v};`);
    return;
  }
  if (isHandle(type)) {
    // A `let` of a texture or sampler names the view it was given, as a parameter does (function.ts).
    ctx.line(`const ${ct}& ${name} = ${ctx.expr(s.init!, type)};`);
    return;
  }
  const init = s.init ? ctx.expr(s.init, type) : `${ct}{}`;
  if (splitInit) {
    ctx.line(`${name} = ${init};`);
    return;
  }
  const qual = sym.kind === 'local' && sym.mutable ? '' : 'const ';
  ctx.line(`${qual}${ct} ${name} = ${init};`);
}

function findSymbol(ctx: EmitContext, s: VarDecl) {
  const sym = ctx.checker.localSymbols.get(s);
  if (!sym) throw new CompileError(s.pos, `internal: no symbol for '${s.name}'`);
  return sym;
}

function assign(ctx: EmitContext, op: string, lhs: Expr | null, rhs: Expr): void {
  if (lhs === null) {
    // `_ = c` of a const-expression does nothing; an AbstractInt one need not fit in i32 (Tint's
    // bug/tint/1713.wgsl: `const b = (1 << 30) << 10; _ = b;`), so it is not emitted at all.
    if (ctx.info(rhs).konst !== undefined && !ctx.info(rhs).sideEffects) return;
    const v = ctx.expr(rhs);
    ctx.line(`(void)(${v});`);
    return;
  }
  const li = ctx.info(lhs);
  if (!li.ref && li.swizzleView) {
    emitSwizzleAssign(ctx, op, lhs, li.swizzleView, rhs);
    return;
  }
  const ri = ctx.info(rhs);
  let target = lvalue(ctx, lhs);
  if (ri.sideEffects && !isSimple(target)) {
    const t = ctx.temp();
    ctx.line(`${ctx.cppType(li.type)}& ${t} = ${target};`);
    target = t;
  }
  if (op === '=') {
    const v = ctx.expr(rhs, li.type);
    ctx.line(`${target} = ${v};`);
    return;
  }
  const bin = op.slice(0, -1);
  if (!isSimple(target)) {
    const t = ctx.temp();
    ctx.line(`${ctx.cppType(li.type)}& ${t} = ${target};`);
    target = t;
  }
  const { opScalar } = binaryType(lhs.pos, bin, li.type, ri.type);
  const rightWant = compoundRightType(bin, ri.type, opScalar);
  // `e1 op= e2` reads e1 before evaluating e2 (WGSL §9.2.3: `*r = *r op (e2)`, left to right), so a
  // call in e2 that writes e1 through a pointer must not be seen: read it first.
  let current = target;
  if (ri.sideEffects) {
    current = ctx.temp();
    ctx.line(`${ctx.cppType(li.type)} ${current} = ${target};`);
  }
  const r = ctx.expr(rhs, rightWant);
  ctx.line(`${target} = ${binaryText(bin, current, r, li.type, opScalar)};`);
}

function ifStmt(ctx: EmitContext, s: Extract<Stmt, { kind: 'if' }>): void {
  if (ctx.speculateLoads && speculatedIf(ctx, s)) return;
  const c = ctx.expr(s.cond, scalar('bool'));
  const known = ctx.decided.get(s);
  // With ctx.duet_full the value is known, and g++ drops the test (the branch stays for other workgroups).
  const test =
    known === undefined
      ? stripParens(c)
      : known
        ? `ctx.duet_full || (${stripParens(c)})`
        : `!ctx.duet_full && (${stripParens(c)})`;
  ctx.line(`if (${test}) {`);
  ctx.indent++;
  emitBlock(ctx, s.then, false);
  ctx.indent--;
  if (!s.else) {
    ctx.line('}');
    return;
  }
  ctx.line('} else {');
  ctx.indent++;
  if (s.else.kind === 'if') emitStmt(ctx, s.else);
  else emitBlock(ctx, s.else, false);
  ctx.indent--;
  ctx.line('}');
}

function switchStmt(ctx: EmitContext, s: Extract<Stmt, { kind: 'switch' }>): void {
  const selType = concretizeDefault(ctx.info(s.selector).type);
  const sel = ctx.expr(s.selector, selType);
  ctx.line(`switch (${stripParens(sel)}) {`);
  for (const c of s.clauses) {
    for (const e of c.selectors) {
      if (e === null) ctx.line('default:');
      else ctx.line(`case ${scalarLiteral(ctx.info(e).konst!, scalarOf(selType)!)}:`);
    }
    ctx.line('{');
    ctx.indent++;
    emitBlock(ctx, c.body, false);
    ctx.indent--;
    ctx.line('}');
    ctx.line('break;');
  }
  ctx.line('}');
}

/**
 * Every loop: `for (iteration counter;;)` with the guard/abort check first, then the condition, then
 * the body, then (behind a label that `continue` jumps to) the continuing part and `break if`.
 * `trips`: the loop provably ends within this many iterations of straight-line work
 * (compiler/loop-trips.ts); the runtime may then skip the poll (DUET_BOUNDED_LOOP_STOP), and the CPU
 * backend polls once before the loop instead (ctx.pollCountedLoopsOnce).
 */
function loop(
  ctx: EmitContext,
  cond: Expr | undefined,
  body: Block,
  continuing: { body: Block; breakIf?: Expr } | undefined,
  wgslLine: number,
  trips: number | null = null,
): void {
  const once = trips !== null && ctx.pollCountedLoopsOnce;
  const it = once ? '' : ctx.names.temp('duet_it');
  const hasContinuing = continuing !== undefined && (continuing.body.stmts.length > 0 || continuing.breakIf);
  const label = hasContinuing ? ctx.names.temp('duet_continue_') : undefined;
  if (once) {
    // CPU: the whole loop's trips counted and polled once; the steps are left free to unroll and vectorise.
    ctx.line(`if (duet_cpu_counted_loop(ctx.control, &ctx.stopped, ${trips}u)) {`);
    ctx.indent++;
    ctx.line(`for (;;) {  // wgsl:${wgslLine} loop, at most ${trips} steps`);
    ctx.indent++;
  } else {
    ctx.line(`for (unsigned long long ${it} = 0;; ++${it}) {  // wgsl:${wgslLine} loop`);
    ctx.indent++;
    ctx.line(
      trips === null
        ? `if (duet_loop_stop(ctx.control, &ctx.stopped, ${it})) break;`
        : `if (DUET_BOUNDED_LOOP_STOP(ctx.control, &ctx.stopped, ${it}, ${trips}u)) break;`,
    );
  }
  if (cond) {
    const c = ctx.expr(cond, scalar('bool'));
    ctx.line(`if (!(${stripParens(c)})) break;`);
  }
  const frame: LoopFrame = { continueLabel: label };
  ctx.loops.push(frame);
  if (label) {
    // Declarations of the body stay visible in the continuing block (WGSL §9.4.5), and `goto` must not
    // jump over initializations: declare them first, assign them in place.
    for (const s of body.stmts) {
      if (s.kind === 'var') {
        const sym = ctx.checker.localSymbols.get(s);
        if (
          !sym ||
          (sym.kind === 'const' && (sym.folded || (sym.value && typeof sym.value.value !== 'object')))
        )
          continue;
        ctx.line(`${ctx.cppType(sym.type)} ${sym.cname} = {};`);
      }
    }
    ctx.line('{');
    ctx.indent++;
    for (const s of body.stmts) {
      if (s.kind === 'var') {
        mark(ctx, s);
        varDecl(ctx, s, true);
      } else {
        emitStmt(ctx, s);
      }
    }
    ctx.indent--;
    ctx.line('}');
  } else {
    emitBlock(ctx, body, false);
  }
  ctx.loops.pop();
  if (label && continuing) {
    if (frame.labelUsed) ctx.line(`${label}:;`);
    emitBlock(ctx, continuing.body, false);
    if (continuing.breakIf) {
      const c = ctx.expr(continuing.breakIf, scalar('bool'));
      ctx.line(`if (${stripParens(c)}) break;`);
    }
  }
  ctx.indent--;
  ctx.line('}');
  if (once) {
    ctx.indent--;
    ctx.line('}');
  }
}

/** An lvalue for a reference expression. */
function lvalue(ctx: EmitContext, e: Expr): string {
  return ctx.expr(e, undefined, 'ref');
}
