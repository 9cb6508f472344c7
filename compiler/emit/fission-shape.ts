/**
 * Whether a barrier entry point can run on the CPU by loop fission (compiler/emit/entry-cpu-fission.ts)
 * instead of fibers, and what that needs. The entry's statements split in two kinds:
 *
 * - workgroup-level: a barrier call, or a statement that contains one, or one holding a `break` or
 *   `continue` that leaves it for a loop around it. These run once for the whole workgroup; the
 *   conditions among them are uniform by WGSL's uniformity analysis (section 15.2), which the
 *   checker has already applied (compiler/front/uniformity.ts), and the emitted code checks that at
 *   run time too.
 * - everything else: barrier-free, run by each invocation in turn (a region is a run of them).
 *
 * Variables declared directly in workgroup-level blocks can be live across a barrier: they become
 * per-invocation arrays ("promoted"). Entries outside the shape keep the fibers: barriers in a called
 * function, subgroup operations (they exchange values mid-region), workgroupUniformLoad other than
 * as a declaration's whole initializer (a barrier inside an expression), a promoted pointer, a `break` out of a region into a workgroup-level switch
 * (a switch's break need not be uniform), or more per-invocation state than FISSION_MAX_BYTES.
 */
import type { Block, Expr, Stmt, VarDecl } from '../front/ast';
import type { FnInfo } from '../front/check/annotations';
import type { Checker } from '../front/check/checker';
import { isHandle, type Type } from '../front/types';
import { layoutOf } from '../layout';
import type { EntryToEmit, ModuleToEmit } from './module-input';

/** Per-invocation state of a fissioned workgroup, all invocations together (the runtime allows 16 MiB). */
export const FISSION_MAX_BYTES = 4 * 1024 * 1024;

const BARRIERS = new Set(['workgroupBarrier', 'storageBarrier', 'textureBarrier']);

/** A variable kept in a per-invocation array. */
export interface Promoted {
  decl: VarDecl;
  cname: string;
  type: Type;
}

export interface FissionPlan {
  /** Classifies the entry's statements (memoised). */
  shape: FissionShape;
  /** Every promoted variable, by declaration. */
  promoted: Map<VarDecl, Promoted>;
  /** The entry has a `return`: invocations may end inside a region. */
  returns: boolean;
}

/** The plan for a loop-fission CPU entry, or null when the entry keeps the fibers. */
export function fissionPlan(m: ModuleToEmit, e: EntryToEmit): FissionPlan | null {
  if (m.target !== 'cpu' || m.cpuFibers || !e.usesBarriers || e.usesSubgroups) return null;
  if (calleesUseBarriers(m, e.fn)) return null;
  const shape = new FissionShape(m.checker);
  const body = e.fn.decl.body;
  // workgroupUniformLoad only as a whole initializer (`let v = workgroupUniformLoad(&p);`): anywhere else
  // a barrier would sit inside an expression.
  const loads = stmtsDeep(body.stmts).filter((s) =>
    exprsOfStmt(s).some((x) => someExpr(x, (y) => shape.isUniformLoad(y))),
  );
  if (loads.some((s) => !shape.isUniformLoadDecl(s))) return null;
  const promoted = new Map<VarDecl, Promoted>();
  if (!shape.collect(body, promoted, false)) return null;
  const n = e.workgroupSize[0] * e.workgroupSize[1] * e.workgroupSize[2];
  let perInvocation = 4 + 1; // the loop guard's count, the returned flag
  for (const g of m.privates) perInvocation += layoutOf(g.type).size;
  for (const p of promoted.values()) perInvocation += layoutOf(p.type).size;
  if (perInvocation * n > FISSION_MAX_BYTES) return null;
  const returns = stmtsDeep(body.stmts).some((s) => s.kind === 'return');
  return { shape, promoted, returns };
}

/** Whether a function the entry calls, directly or not, synchronizes the workgroup. */
function calleesUseBarriers(m: ModuleToEmit, fn: FnInfo): boolean {
  const byName = new Map(m.functions.map((f) => [f.decl.name, f]));
  const seen = new Set<string>();
  const todo = [...fn.calls];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const f = byName.get(name);
    if (!f) continue;
    if (f.usesBarrier) return true;
    todo.push(...f.calls);
  }
  return false;
}

export class FissionShape {
  private readonly memo = new Map<Stmt, boolean>();

  constructor(private readonly checker: Checker) {}

  /** A `workgroupBarrier();`, `storageBarrier();` or `textureBarrier();` statement. */
  isBarrier(s: Stmt): boolean {
    if (s.kind !== 'call') return false;
    const c = this.checker.get(s.call).call;
    return c?.kind === 'builtin' && BARRIERS.has(c.name);
  }

  isUniformLoad(e: Expr): boolean {
    if (e.kind !== 'call') return false;
    const c = this.checker.get(e).call;
    return c?.kind === 'builtin' && c.name === 'workgroupUniformLoad';
  }

  /** `let v = workgroupUniformLoad(p);` (or `var`), with no other load in `p`. */
  isUniformLoadDecl(s: Stmt): s is VarDecl & { init: Expr & { kind: 'call' } } {
    return (
      s.kind === 'var' &&
      s.init !== undefined &&
      s.init.kind === 'call' &&
      this.isUniformLoad(s.init) &&
      !s.init.args.some((a) => someExpr(a, (y) => this.isUniformLoad(y)))
    );
  }

  /** Whether `s` runs once for the workgroup (see the file comment). */
  workgroupLevel(s: Stmt): boolean {
    let v = this.memo.get(s);
    if (v === undefined) {
      v = stmtsDeep([s]).some((t) => this.isBarrier(t) || this.isUniformLoadDecl(t)) || escapes(s, 0, 0);
      this.memo.set(s, v);
    }
    return v;
  }

  /**
   * Records the promoted variables of a workgroup-level block and of the workgroup-level statements in
   * it; false when the block holds a shape fission does not handle. `inSwitch`: the innermost
   * breakable statement around is a workgroup-level switch.
   */
  collect(b: Block, promoted: Map<VarDecl, Promoted>, inSwitch: boolean): boolean {
    for (const s of b.stmts) {
      if (s.kind === 'var') {
        if (!this.promote(s, promoted)) return false;
        continue;
      }
      if (!this.workgroupLevel(s)) continue;
      if (!this.collectStmt(s, promoted, inSwitch)) return false;
    }
    return true;
  }

  private collectStmt(s: Stmt, promoted: Map<VarDecl, Promoted>, inSwitch: boolean): boolean {
    switch (s.kind) {
      case 'call':
        return this.isBarrier(s);
      case 'break':
        return true;
      case 'continue':
        return true;
      case 'block':
        return this.collect(s, promoted, inSwitch);
      case 'if': {
        // An `if` that is workgroup-level only for a `break` leaving it: that break must not end a switch.
        if (inSwitch && escapesBreak(s, 0)) return false;
        if (!this.collect(s.then, promoted, inSwitch)) return false;
        if (!s.else) return true;
        return s.else.kind === 'if'
          ? !this.workgroupLevel(s.else) || this.collectStmt(s.else, promoted, inSwitch)
          : this.collect(s.else, promoted, inSwitch);
      }
      case 'switch':
        return s.clauses.every((c) => this.collect(c.body, promoted, true));
      case 'for':
        if (s.init && this.workgroupLevel(s.init)) return false;
        if (s.init?.kind === 'var' && !this.promote(s.init, promoted)) return false;
        if (s.update && this.workgroupLevel(s.update)) return false;
        return this.collect(s.body, promoted, false);
      case 'while':
        return this.collect(s.body, promoted, false);
      case 'loop':
        return (
          this.collect(s.body, promoted, false) &&
          (!s.continuing || this.collect(s.continuing.body, promoted, false))
        );
      default:
        // A declaration, assignment or return holding a barrier: only workgroupUniformLoad, refused above.
        return false;
    }
  }

  /** Adds a declaration to the promoted ones; false when it cannot live in an array (a pointer). */
  private promote(s: VarDecl, promoted: Map<VarDecl, Promoted>): boolean {
    const sym = this.checker.localSymbols.get(s);
    if (!sym) return false;
    // Constants written as literals or folded away have no C++ variable (statements.ts, varDecl).
    if (sym.kind === 'const' && (sym.folded || (sym.value && typeof sym.value.value !== 'object')))
      return true;
    // A pointer, or a `let` of a texture or sampler, is a C++ reference: no per-invocation array holds it.
    if (sym.type.k === 'ptr' || isHandle(sym.type)) return false;
    promoted.set(s, { decl: s, cname: sym.cname, type: sym.type });
    return true;
  }
}

/** Whether `s` holds a `break` or `continue` for a loop or switch around it (`loops`/`breakables` deep inside it). */
function escapes(s: Stmt, loops: number, breakables: number): boolean {
  switch (s.kind) {
    case 'break':
      return breakables === 0;
    case 'continue':
      return loops === 0;
    case 'block':
      return s.stmts.some((t) => escapes(t, loops, breakables));
    case 'if':
      return (
        escapes(s.then, loops, breakables) || (s.else !== undefined && escapes(s.else, loops, breakables))
      );
    case 'switch':
      return s.clauses.some((c) => escapes(c.body, loops, breakables + 1));
    case 'for':
    case 'while':
      return escapes(s.body, loops + 1, breakables + 1);
    case 'loop':
      return (
        escapes(s.body, loops + 1, breakables + 1) ||
        (s.continuing !== undefined && escapes(s.continuing.body, loops + 1, breakables + 1))
      );
    default:
      return false;
  }
}

/** Whether `s` holds a `break` that leaves it (for the breakable statement around it). */
function escapesBreak(s: Stmt, breakables: number): boolean {
  switch (s.kind) {
    case 'break':
      return breakables === 0;
    case 'block':
      return s.stmts.some((t) => escapesBreak(t, breakables));
    case 'if':
      return escapesBreak(s.then, breakables) || (s.else !== undefined && escapesBreak(s.else, breakables));
    case 'switch':
      return s.clauses.some((c) => escapesBreak(c.body, breakables + 1));
    case 'for':
    case 'while':
      return escapesBreak(s.body, breakables + 1);
    case 'loop':
      return (
        escapesBreak(s.body, breakables + 1) ||
        (s.continuing !== undefined && escapesBreak(s.continuing.body, breakables + 1))
      );
    default:
      return false;
  }
}

/** `stmts` and every statement nested in them. */
export function stmtsDeep(stmts: readonly Stmt[]): Stmt[] {
  const out: Stmt[] = [];
  const visit = (s: Stmt) => {
    out.push(s);
    switch (s.kind) {
      case 'block':
        s.stmts.forEach(visit);
        return;
      case 'if':
        visit(s.then);
        if (s.else) visit(s.else);
        return;
      case 'switch':
        for (const c of s.clauses) visit(c.body);
        return;
      case 'for':
        if (s.init) visit(s.init);
        if (s.update) visit(s.update);
        visit(s.body);
        return;
      case 'while':
        visit(s.body);
        return;
      case 'loop':
        visit(s.body);
        if (s.continuing) visit(s.continuing.body);
        return;
      default:
        return;
    }
  };
  stmts.forEach(visit);
  return out;
}

/**
 * The C++ names of the function-scope values (`var`, `let`, `const`, parameters) that `stmts` or `exprs`
 * read or write: what a region or a uniform condition needs bound.
 */
export function namesUsed(
  checker: Checker,
  stmts: readonly Stmt[],
  exprs: readonly Expr[] = [],
): Set<string> {
  const out = new Set<string>();
  const visit = (e: Expr): boolean => {
    if (e.kind !== 'ident') return false;
    const sym = checker.find(e)?.symbol; // none for a type or function name
    if (sym && (sym.kind === 'local' || sym.kind === 'param' || (sym.kind === 'const' && !sym.module)))
      out.add(sym.cname);
    return false;
  };
  for (const s of stmtsDeep(stmts)) for (const e of exprsOfStmt(s)) someExpr(e, visit);
  for (const e of exprs) someExpr(e, visit);
  return out;
}

/**
 * What a region may change of an invocation's state kept across barriers, so that only that is stored
 * back: the C++ names of the function-scope variables `stmts` or `exprs` assign or take the address of
 * (a pointer may write them), and whether they may poll the loop guard (a loop, or a call of a user
 * function, whose loops poll).
 */
export function writesOf(
  checker: Checker,
  stmts: readonly Stmt[],
  exprs: readonly Expr[] = [],
): { names: Set<string>; polls: boolean } {
  const names = new Set<string>();
  let polls = false;
  const root = (e: Expr): void => {
    const r = rootOf(e);
    const sym = r.kind === 'ident' ? checker.get(r).symbol : undefined;
    if (sym?.kind === 'local') names.add(sym.cname);
  };
  const visit = (e: Expr): boolean => {
    if (e.kind === 'unary' && e.op === '&') root(e.operand);
    if (e.kind === 'call' && checker.get(e).call?.kind === 'user') polls = true;
    return false;
  };
  const all = stmtsDeep(stmts);
  for (const t of all) {
    if (t.kind === 'assign' && t.lhs) root(t.lhs);
    if (t.kind === 'incdec') root(t.lhs);
    if (t.kind === 'for' || t.kind === 'while' || t.kind === 'loop') polls = true;
    for (const e of exprsOfStmt(t)) someExpr(e, visit);
  }
  for (const e of exprs) someExpr(e, visit);
  return { names, polls };
}

/** The variable (or other expression) an access path starts from: `a` of `a[i].m`, `*&a` or `(*p).x`. */
export function rootOf(e: Expr): Expr {
  let r = e;
  while (r.kind === 'index' || r.kind === 'member' || (r.kind === 'unary' && (r.op === '*' || r.op === '&')))
    r = r.kind === 'unary' ? r.operand : r.base;
  return r;
}

/** The expressions a statement holds itself (not those of statements nested in it). */
export function exprsOfStmt(s: Stmt): Expr[] {
  switch (s.kind) {
    case 'var':
      return s.init ? [s.init] : [];
    case 'assign':
      return s.lhs ? [s.lhs, s.rhs] : [s.rhs];
    case 'incdec':
      return [s.lhs];
    case 'call':
      return [s.call];
    case 'if':
      return [s.cond];
    case 'switch':
      return [s.selector];
    case 'for':
      return s.cond ? [s.cond] : [];
    case 'while':
      return [s.cond];
    case 'loop':
      return s.continuing?.breakIf ? [s.continuing.breakIf] : [];
    case 'return':
      return s.value ? [s.value] : [];
    default:
      return [];
  }
}

/** Whether `pred` holds for `e` or an expression inside it (visited outside in, left to right). */
export function someExpr(e: Expr, pred: (e: Expr) => boolean): boolean {
  if (pred(e)) return true;
  switch (e.kind) {
    case 'call':
      return e.args.some((a) => someExpr(a, pred));
    case 'index':
      return someExpr(e.base, pred) || someExpr(e.index, pred);
    case 'member':
      return someExpr(e.base, pred);
    case 'unary':
      return someExpr(e.operand, pred);
    case 'binary':
      return someExpr(e.left, pred) || someExpr(e.right, pred);
    default:
      return false;
  }
}
