/**
 * When a loop-fission region (entry-cpu-fission.ts) may run its invocation loop inside its counted loop
 * instead of around it (loop interchange, issue 25): matmul-tiled's product region
 * `for (var i = 0u; i < 16u; i++) { sum = sum + tile_a[lid.y][i] * tile_b[i][lid.x]; }` then runs as
 * "for each i, for each invocation", and g++ vectorises across neighbouring invocations.
 *
 * Interchange reorders work between invocations only, never within one: each invocation runs the same
 * operations on the same values in the same order, so its results are bit for bit the same, when
 * - every invocation runs the loop the same number of times: the counter starts at a constant, only the
 *   update changes it and the condition is that one comparison with a constant (loop-trips.ts,
 *   countedLoop `single`), and no `break`, `continue` or `return` leaves an iteration early;
 * - no invocation sees another's work inside the loop: the body writes only its own state (variables
 *   declared in the body, and the invocation's own variables kept across barriers), reads shared memory
 *   (workgroup, storage, uniform) but never writes it, calls no user function, makes no call with a side
 *   effect (atomics, barriers, texture stores), takes no pointer and touches no `var<private>` (which
 *   lives in each invocation's context);
 * - the body is straight-line (no loop): nothing in an iteration polls the abort flag, so the one poll
 *   per invocation before the loop (duet_cpu_counted_loop) is the whole of its loop guard.
 */
import type { Expr, Stmt } from '../front/ast';
import type { Checker } from '../front/check/checker';
import { boundedLoopTrips, countedLoop } from '../loop-trips';
import { exprsOfStmt, type Promoted, someExpr, stmtsDeep } from './fission-shape';

type ForStmt = Extract<Stmt, { kind: 'for' }>;

/** The loop's trip count when the region `[s]` may run with the invocation loop innermost, else null. */
export function interchangeTrips(
  checker: Checker,
  s: ForStmt,
  scope: readonly Promoted[],
  heldOnce: ReadonlySet<unknown> = new Set(),
): number | null {
  const c = countedLoop(s, checker);
  const trips = boundedLoopTrips(s, checker);
  if (!c?.single || trips === null || trips === 0) return null;
  const counter = s.init;
  const body = stmtsDeep(s.body.stmts);
  const ownVars = new Set<unknown>(scope.map((v) => v.decl));
  for (const t of body) if (t.kind === 'var') ownVars.add(t);
  const symbolOf = (e: Expr) => checker.find(e)?.symbol;
  // Every value the body reads or writes: no side effect, no pointer, no private variable, and among
  // function-scope variables only the counter, the invocation's own and those the workgroup holds once
  // (fission-uniform.ts; only a workgroup-level statement writes them, never this body).
  const allowed = (e: Expr): boolean => {
    const info = checker.get(e);
    if (info.sideEffects) return false;
    if (e.kind === 'unary' && (e.op === '&' || e.op === '*')) return false;
    if (info.viaPointer) return false;
    if (e.kind !== 'ident') return true;
    const sym = symbolOf(e);
    if (sym?.kind === 'global') return sym.g.space !== 'private';
    if (sym?.kind === 'local') return sym.decl === counter || ownVars.has(sym.decl) || heldOnce.has(sym.decl);
    return true; // a parameter (a built-in input), a constant or override, a type or function name
  };
  // A written variable: a local declared in the body or one of the invocation's own, never the counter.
  const ownTarget = (e: Expr): boolean => {
    if (e.kind === 'index' || e.kind === 'member') return ownTarget(e.base);
    const sym = e.kind === 'ident' ? symbolOf(e) : undefined;
    return sym?.kind === 'local' && sym.decl !== counter && ownVars.has(sym.decl);
  };
  for (const t of body) {
    switch (t.kind) {
      case 'assign':
        if (t.lhs === null || !ownTarget(t.lhs)) return null;
        break;
      case 'incdec':
        if (!ownTarget(t.lhs)) return null;
        break;
      case 'var':
      case 'if':
      case 'block':
        break;
      default:
        return null; // break, continue, return, switch, a call statement, a loop
    }
    for (const e of exprsOfStmt(t)) if (someExpr(e, (x) => !allowed(x))) return null;
  }
  return trips;
}
