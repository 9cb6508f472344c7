/**
 * Which variables of a loop-fission entry (entry-cpu-fission.ts) hold the same value in every invocation
 * of a workgroup, so the entry keeps one copy for the workgroup instead of one per invocation, writes it
 * once and evaluates a workgroup-level condition on such values once, without asking every invocation
 * (issue 25: matmul-tiled's `steps` and its step counter `s`).
 *
 * A promoted variable (declared directly in a workgroup-level block, fission-shape.ts) is held once when
 * every write to it — its initializer, `=`, a compound assignment, `++`/`--` — is a statement directly in
 * a workgroup-level block (every invocation still running executes it, in the same order), writes the
 * whole variable, and stores a uniform value; and its address is never taken (a pointer could write it
 * anywhere). A value is uniform when it is built from literals, constants, overrides, members of a
 * `var<uniform>` binding (WGSL forbids writes to the uniform address space, and no other binding of a
 * dispatch shares its memory), arrayLength of a binding, workgroup_id, num_workgroups and other
 * variables held once, by operators, value constructors and a few pure built-ins. This is the
 * "workgroup-uniform" value of WGSL's uniformity analysis (section 15.2) restricted to what this file
 * can see directly. Storage bindings, even read-only ones, stay per invocation: the test harness
 * aliases them on purpose (entry-cpu-fission.test.ts).
 *
 * Memory safety does not rest on this: every index is still bounded by its container. A wrong answer
 * would give wrong values, which the barrier-program fuzzer compares against the fibers
 * (difffuzz/barrier-program.ts, entry-cpu-fission.test.ts).
 */
import type { Expr, Stmt, VarDecl } from '../front/ast';
import type { FnInfo } from '../front/check/annotations';
import type { Checker } from '../front/check/checker';
import { exprsOfStmt, type FissionShape, rootOf, someExpr, stmtsDeep } from './fission-shape';

/** Built-ins of uniform arguments whose value is uniform (no side effect, no memory read). */
const PURE_BUILTINS = new Set(['min', 'max', 'clamp', 'select', 'abs']);
/** Built-in inputs that are the same for the whole workgroup (WGSL section 13.3.1.1). */
const UNIFORM_INPUTS = new Set(['workgroup_id', 'num_workgroups']);

export class WorkgroupUniform {
  /** The variables held once. */
  readonly vars = new Set<VarDecl>();
  /** Statements directly in a workgroup-level block. */
  private readonly top = new Set<Stmt>();
  private readonly uniformParams = new Set<string>();

  constructor(
    private readonly checker: Checker,
    fn: FnInfo,
    shape: FissionShape,
    candidates: Iterable<VarDecl>,
  ) {
    for (const p of fn.params)
      if (p.builtin && UNIFORM_INPUTS.has(p.builtin)) this.uniformParams.add(p.cname);
    const inLoopBody = new Set<Stmt>();
    const walk = (stmts: readonly Stmt[]) => {
      for (const s of stmts) {
        this.top.add(s);
        if (!shape.workgroupLevel(s)) continue;
        switch (s.kind) {
          case 'block':
            walk(s.stmts);
            break;
          case 'if':
            walk(s.then.stmts);
            if (s.else) walk(s.else.kind === 'if' ? [s.else] : s.else.stmts);
            break;
          case 'switch':
            for (const c of s.clauses) walk(c.body.stmts);
            break;
          case 'for':
            walk([...(s.init ? [s.init] : []), ...(s.update ? [s.update] : [])]);
            walk(s.body.stmts);
            break;
          case 'while':
            walk(s.body.stmts);
            break;
          case 'loop':
            // The continuing part sees the body's declarations but is emitted after the body's C++ block.
            for (const t of s.body.stmts) inLoopBody.add(t);
            walk(s.body.stmts);
            if (s.continuing) walk(s.continuing.body.stmts);
            break;
          default:
            break;
        }
      }
    };
    walk(fn.decl.body.stmts);

    const writes = new Map<VarDecl, Stmt[]>();
    const refused = new Set<VarDecl>();
    const localOf = (e: Expr): VarDecl | undefined => {
      const sym = e.kind === 'ident' ? this.symbolOf(e) : undefined;
      return sym?.kind === 'local' ? sym.decl : undefined;
    };
    const written = (d: VarDecl, s: Stmt) => {
      const list = writes.get(d);
      if (list) list.push(s);
      else writes.set(d, [s]);
    };
    for (const s of stmtsDeep(fn.decl.body.stmts)) {
      if (s.kind === 'var') written(s, s);
      if ((s.kind === 'assign' && s.lhs) || s.kind === 'incdec') {
        const lhs = s.lhs!;
        const whole = localOf(lhs);
        if (whole) written(whole, s);
        else {
          const d = localOf(rootOf(lhs));
          if (d) refused.add(d); // a part of it: per invocation
        }
      }
      for (const e of exprsOfStmt(s))
        someExpr(e, (x) => {
          if (x.kind === 'unary' && x.op === '&') {
            const d = localOf(rootOf(x.operand));
            if (d) refused.add(d);
          }
          return false;
        });
    }
    for (const d of candidates) {
      const sym = this.checker.localSymbols.get(d);
      const t = sym?.type;
      if (!t || (t.k !== 'scalar' && t.k !== 'vec') || refused.has(d) || inLoopBody.has(d)) continue;
      this.vars.add(d);
    }
    // Greatest fixed point: drop a variable any write of which is not uniform, until none is dropped.
    for (let changed = true; changed; ) {
      changed = false;
      for (const d of [...this.vars]) {
        const ok = (writes.get(d) ?? []).every((s) => this.top.has(s) && this.storesUniform(s));
        if (!ok) {
          this.vars.delete(d);
          changed = true;
        }
      }
    }
  }

  /** Whether `s` writes a variable held once: the workgroup runs it once. */
  once(s: Stmt): boolean {
    if (!this.top.has(s)) return false;
    if (s.kind === 'var') return this.vars.has(s);
    if ((s.kind === 'assign' && s.lhs) || s.kind === 'incdec') {
      const sym = s.lhs!.kind === 'ident' ? this.symbolOf(s.lhs!) : undefined;
      return sym?.kind === 'local' && this.vars.has(sym.decl);
    }
    return false;
  }

  /** Whether `e` has the same value in every invocation of the workgroup (see the file comment). */
  isUniform(e: Expr): boolean {
    const info = this.checker.find(e);
    if (!info || info.sideEffects) return false;
    if (info.konst !== undefined) return true;
    switch (e.kind) {
      case 'lit':
        return true;
      case 'ident': {
        const sym = info.symbol;
        if (!sym) return false;
        if (sym.kind === 'const' || sym.kind === 'override') return true;
        if (sym.kind === 'local') return this.vars.has(sym.decl);
        if (sym.kind === 'param') return this.uniformParams.has(sym.cname);
        return sym.kind === 'global' && sym.g.space === 'uniform';
      }
      case 'member':
        return this.isUniform(e.base);
      case 'index':
        return this.isUniform(e.base) && this.isUniform(e.index);
      case 'unary':
        return e.op !== '&' && e.op !== '*' && this.isUniform(e.operand);
      case 'binary':
        return this.isUniform(e.left) && this.isUniform(e.right);
      case 'call': {
        const c = info.call;
        if (c?.kind === 'builtin' && c.name === 'arrayLength') return this.isBindingAddress(e.args[0]);
        const pure = c?.kind === 'ctor' || (c?.kind === 'builtin' && PURE_BUILTINS.has(c.name));
        return pure && e.args.every((a) => this.isUniform(a));
      }
      default:
        return false;
    }
  }

  private storesUniform(s: Stmt): boolean {
    if (s.kind === 'var') return s.init === undefined || this.isUniform(s.init);
    if (s.kind === 'assign') return this.isUniform(s.rhs);
    return s.kind === 'incdec';
  }

  /** `&b` or `&b.member` of a module-scope binding: its arrayLength is fixed for the dispatch. */
  private isBindingAddress(a: Expr | undefined): boolean {
    if (a?.kind !== 'unary' || a.op !== '&') return false;
    const root = a.operand.kind === 'member' ? a.operand.base : a.operand;
    const sym = root.kind === 'ident' ? this.symbolOf(root) : undefined;
    return sym?.kind === 'global' && (sym.g.space === 'storage' || sym.g.space === 'uniform');
  }

  private symbolOf(e: Expr) {
    return this.checker.find(e)?.symbol;
  }
}
