/**
 * Checking of statements (WGSL spec §9 "Statements", https://www.w3.org/TR/WGSL/#statements):
 * declarations and their scopes, assignments, control flow and where `break` / `continue` /
 * `return` may stand.
 */
import { fail, type Pos } from '../../diagnostics';
import type { Block, Expr, Stmt, VarDecl } from '../ast';
import { refuseBufferIn } from '../buffer-view';
import { constFitError } from '../const-fit';
import { evalConst, type Typed } from '../consteval';
import { canConvert, concretizeDefault, isHandle, isIntKind, scalarOf, type Type, typeName } from '../types';
import { countLocal, type ExprInfo, type WgslSymbol } from './annotations';
import type { CheckContext } from './context';
import { checkContinueBypass } from './continue-bypass';
import { binaryType } from './operators';
import { handleRef } from './samplings';
import { checkSwizzleTarget } from './swizzle-view';

export function checkBlock(c: CheckContext, b: Block, newScope = true): void {
  if (newScope) c.scopes.push(new Map());
  for (const s of b.stmts) checkStmt(c, s);
  if (newScope) c.scopes.pop();
}

function checkStmt(c: CheckContext, s: Stmt): void {
  switch (s.kind) {
    case 'block':
      checkBlock(c, s);
      return;
    case 'var':
      varDecl(c, s);
      return;
    case 'assign': {
      const r = c.expr(s.rhs);
      // A buffer is no value (WGSL language feature buffer_view): neither assigned nor discarded.
      refuseBufferIn(s.rhs.pos, r.type, 'an assigned value');
      if (s.lhs === null) {
        if (r.type.k === 'void') fail(s.rhs.pos, 'cannot discard a function call that returns nothing');
        return;
      }
      const l = c.expr(s.lhs);
      if (isHandle(l.type))
        fail(
          startOf(s.lhs),
          `cannot assign to ${typeName(l.type)} (textures and samplers are read-only handles)`,
        );
      requireWritable(s.lhs, l, true);
      if (l.type.k === 'atomic') fail(s.pos, 'atomics can only be changed with atomic builtins');
      if (s.op === '=') {
        if (!canConvert(r.type, l.type)) {
          fail(s.rhs.pos, `cannot assign ${typeName(r.type)} to ${typeName(l.type)}`);
        }
      } else {
        binaryType(s.pos, s.op.slice(0, -1), l.type, r.type, { pos: s.rhs.pos, konst: r.konst });
      }
      return;
    }
    case 'incdec': {
      const l = c.expr(s.lhs);
      requireWritable(s.lhs, l, false);
      if (l.type.k !== 'scalar' || (l.type.s !== 'i32' && l.type.s !== 'u32')) {
        fail(s.pos, `${s.op} needs an i32 or u32 variable, not ${typeName(l.type)}`);
      }
      return;
    }
    case 'call':
      c.expr(s.call, true);
      return;
    case 'if':
      condition(c, s.cond, 'if');
      checkBlock(c, s.then);
      if (s.else) checkStmt(c, s.else);
      return;
    case 'switch': {
      const sel = c.expr(s.selector);
      if (sel.type.k !== 'scalar' || !isIntKind(sel.type.s))
        fail(s.selector.pos, 'switch selector must be i32 or u32');
      const seen = new Set<number>();
      let defaults = 0;
      for (const clause of s.clauses) {
        for (const e of clause.selectors) {
          if (e === null) {
            defaults++;
            continue;
          }
          const v = c.expr(e);
          if (!v.konst || typeof v.konst.value !== 'number')
            fail(e.pos, 'case selector must be a constant integer');
          if (seen.has(v.konst.value)) fail(e.pos, `duplicate case value ${v.konst.value}`);
          seen.add(v.konst.value);
        }
        c.switchDepth++;
        checkBlock(c, clause.body);
        c.switchDepth--;
      }
      if (defaults !== 1) fail(s.pos, 'a switch needs exactly one default clause');
      return;
    }
    case 'for':
      c.scopes.push(new Map());
      if (s.init) checkStmt(c, s.init);
      if (s.cond) condition(c, s.cond, 'for');
      if (s.update) checkStmt(c, s.update);
      loop(c, () => checkBlock(c, s.body));
      c.scopes.pop();
      return;
    case 'while':
      condition(c, s.cond, 'while');
      loop(c, () => checkBlock(c, s.body));
      return;
    case 'loop':
      loop(c, () => {
        // The continuing block sees the loop body's declarations (WGSL §9.4.5).
        c.scopes.push(new Map());
        for (const st of s.body.stmts) checkStmt(c, st);
        if (s.continuing) {
          c.continuingDepth++;
          c.scopes.push(new Map());
          for (const st of s.continuing.body.stmts) checkStmt(c, st);
          if (s.continuing.breakIf) condition(c, s.continuing.breakIf, 'break if');
          c.scopes.pop();
          c.continuingDepth--;
          checkContinueBypass(s.body, s.continuing, c.info);
        }
        c.scopes.pop();
      });
      return;
    case 'break':
      if (c.loopDepth === 0 && c.switchDepth === 0) fail(s.pos, "'break' outside a loop or switch");
      return;
    case 'continue':
      if (c.loopDepth === 0) fail(s.pos, "'continue' outside a loop");
      if (c.continuingDepth > 0) fail(s.pos, "'continue' is not allowed in a continuing block");
      return;
    case 'return': {
      const want = c.current!.ret;
      if (!s.value) {
        if (want.k !== 'void') fail(s.pos, `missing return value of type ${typeName(want)}`);
        return;
      }
      const v = c.expr(s.value);
      if (want.k === 'void') fail(s.pos, 'this function returns nothing');
      if (!canConvert(v.type, want))
        fail(s.value.pos, `cannot return ${typeName(v.type)} as ${typeName(want)}`);
      return;
    }
    case 'discard':
      fail(s.pos, "'discard' is only allowed in fragment shaders");
      return;
    case 'const_assert': {
      const v = c.expr(s.cond);
      if (v.konst?.value !== true) fail(s.pos, 'const_assert failed');
      return;
    }
  }
}

/** A loop body: `break` leaves the loop, not an enclosing switch. */
function loop(c: CheckContext, body: () => void): void {
  const savedSwitch = c.switchDepth;
  c.switchDepth = 0;
  c.loopDepth++;
  body();
  c.loopDepth--;
  c.switchDepth = savedSwitch;
}

function condition(c: CheckContext, e: Expr, what: string): void {
  const v = c.expr(e);
  if (v.type.k !== 'scalar' || v.type.s !== 'bool')
    fail(e.pos, `${what} condition must be bool, not ${typeName(v.type)}`);
}

/** `swizzles`: an assignment, which may also write a swizzle view (check/swizzle-view.ts); `++`/`--` may not. */
function requireWritable(e: Expr, i: ExprInfo, swizzles: boolean): void {
  const at = startOf(e);
  if (!i.ref && i.swizzleView && !swizzles)
    fail(
      at,
      'cannot increment or decrement a component of a vector swizzle; name the component directly (v.y++)',
    );
  const ref = i.ref ?? (swizzles ? i.swizzleView : undefined);
  if (!ref) fail(at, 'cannot assign to a value; the left side must be a variable, an element or a member');
  if (ref.access === 'read') fail(at, `cannot write to read-only ${ref.space} memory`);
  if (!i.ref && i.swizzleView) checkSwizzleTarget(i.swizzleView, at);
}

/** Where an expression starts in the source (postfix nodes sit at their `[` or `.`). */
function startOf(e: Expr): Pos {
  let x = e;
  while (x.kind === 'index' || x.kind === 'member') x = x.base;
  return x.pos.offset < e.pos.offset ? x.pos : e.pos;
}

/**
 * An initializer must convert to the declared type (WGSL §15.7 "Conversion Rank"), and a
 * const-expression value must fit it: `const x: u32 = -1;` is a shader-creation error.
 */
export function checkInitializer(init: Expr, i: ExprInfo, type: Type): void {
  if (!canConvert(i.type, type))
    fail(init.pos, `cannot initialize ${typeName(type)} with ${typeName(i.type)}`);
  const to = scalarOf(type);
  const msg = i.konst && to && type.k === 'scalar' ? constFitError(i.konst, to) : undefined;
  if (msg) fail(init.pos, msg);
}

function varDecl(c: CheckContext, s: VarDecl): void {
  if (c.scopes[c.scopes.length - 1]!.has(s.name)) fail(s.pos, `redeclaration of '${s.name}'`);
  let type: Type | undefined = s.type ? c.resolveType(s.type) : undefined;
  let value: Typed | undefined;
  if (s.init) {
    const i = c.expr(s.init);
    if (i.type.k === 'void') fail(s.init.pos, 'initializer has no value');
    if (type) checkInitializer(s.init, i, type);
    if (!type) type = s.declKind === 'const' ? i.type : concretizeDefault(i.type);
    value = i.konst;
    // An untyped vector or matrix const keeps its components (in its own, possibly abstract, kind) for folding
    // uses such as `(v + w).x`; the emitter still writes it as code.
    if (!value && !s.type && s.declKind === 'const' && (i.type.k === 'vec' || i.type.k === 'mat'))
      value = evalConst(s.init, c.constEnv());
  }
  if (!type) fail(s.pos, `'${s.name}' needs a type or an initializer`);
  // WGSL §7.3, §7.4: a function-scope var or const holds a constructible value (or a pointer); a
  // `let` may also name a texture or sampler (the `texture_and_sampler_let` language feature).
  if (isHandle(type) && s.declKind !== 'let')
    fail(
      s.pos,
      `a ${s.declKind} cannot hold ${typeName(type)}; use the module-scope variable, a let or a function parameter`,
    );
  refuseBufferIn(s.pos, type, `a ${s.declKind}`);
  if (s.declKind === 'var') {
    if (s.space && s.space !== 'function')
      fail(s.pos, `function-scope variables must be in the function address space`);
    if (type.k === 'atomic' || (type.k === 'array' && type.count === null)) {
      fail(s.pos, `type ${typeName(type)} cannot be a function variable`);
    }
  }
  if (c.current && scalarOf(type) === 'f16') c.current.usesF16 = true;
  // A const array or structure is a local of the generated code as a var is (scalars and vectors fold).
  const onStack = s.declKind !== 'const' || type.k === 'array' || type.k === 'struct';
  if (c.current && onStack) countLocal(c.current, s.name, s.pos, type);
  // WGSL §5: a declaration's scope begins just after its end, so the initializer checked above
  // resolved `a` in `let a = a + 1u;` to the enclosing `a`; the new C++ name is one no other has.
  const cname = c.declareLocal(s.name);
  const sym: WgslSymbol & { kind: 'local' | 'const' } =
    s.declKind === 'const'
      ? { kind: 'const', decl: s, type, cname, module: false, value }
      : { kind: 'local', decl: s, type, mutable: s.declKind === 'var', cname, handle: handleLet(c, s, type) };
  c.scopes[c.scopes.length - 1]!.set(s.name, sym);
  c.localSymbols.set(s, sym);
}

/** A `let` of a texture or sampler: the variable or parameter it names, for its sampling pairs. */
function handleLet(c: CheckContext, s: VarDecl, type: Type) {
  return isHandle(type) && s.init ? handleRef(c, s.init) : undefined;
}
