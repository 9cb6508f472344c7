/**
 * Row windows for a loop-fission region (entry-cpu-fission.ts, issue 25): a region runs row by row (one
 * y, z of the workgroup, then its x invocations), and an index into a storage array that is `B + x`,
 * with B the same for the whole row and x the local invocation id's x, reaches X neighbouring elements
 * [B, B + X). Before the row, the view is narrowed to that window (duet_rt::window, common.h), which
 * checks that the whole window lies inside the array; when it does, each such access is element x of
 * the window (duet_win, cpu_runtime.h) and g++ vectorises the row as it does matmul-tiled's tile loads.
 * When it does not, the row runs as before, every index clamped.
 *
 * `B + x` is proven symbolically over u32 values, where + - * wrap the same in WGSL (section 8.7) and in
 * C++ unsigned arithmetic: B is built from literals and constants, members of a `var<uniform>` binding,
 * variables the workgroup holds once (fission-uniform.ts), the row's own ids (lid.y, lid.z, gid.y,
 * gid.z), workgroup_id and num_workgroups, by + - *; x enters as lid.x, gid.x (B includes the
 * workgroup's first x) or local_invocation_index (B is the row's first index), added once, subtracted
 * never. `let`s are followed to their initializers: a `let` is immutable (WGSL section 7.3), and B is
 * evaluated before the row, so a `let` declared outside the region may name only values that never change
 * (no variable held once, which a later workgroup-level statement may write). Since the window lies inside
 * the array, B + x < 2^32 never wraps, so the index the WGSL computes is exactly B + x. Builds with
 * DUET_CPU_CHECK_PROOFS (compiler/testkit/native.ts) compare the two at every access.
 */
import type { Expr, Stmt, VarDecl } from '../front/ast';
import type { FnInfo } from '../front/check/annotations';
import type { Checker } from '../front/check/checker';
import type { Type } from '../front/types';
import type { ModuleNames } from '../namer';
import { exprsOfStmt, someExpr, stmtsDeep } from './fission-shape';

/** A view narrowed to a row's window: the DuetCtx member and the C++ text of the window's first index. */
export interface RowWindow {
  view: string;
  base: string;
}

export interface RowWindows {
  windows: RowWindow[];
  /** The index expressions emitted as elements of their view's window. */
  accesses: Set<Expr>;
}

/** B, the part the row shares, and whether x is added to it. */
interface Form {
  base: string;
  x: boolean;
}

const ROW_INPUTS: Record<string, readonly [string, string, string]> = {
  local_invocation_id: ['0u', 'duet_ly', 'duet_lz'],
  global_invocation_id: ['duet_g0', '(duet_g1 + duet_ly)', '(duet_g2 + duet_lz)'],
  workgroup_id: ['wg[0]', 'wg[1]', 'wg[2]'],
  num_workgroups: ['p->numWorkgroups[0]', 'p->numWorkgroups[1]', 'p->numWorkgroups[2]'],
};
const COMPONENT: Record<string, number> = { x: 0, y: 1, z: 2 };
/** `let` chains are followed this deep at most. */
const MAX_DEPTH = 16;

/**
 * The windows of region `stmts`, or null when no access has the form. `leaf`: the C++ text, evaluated
 * before the row with `ctx` the workgroup's context, of a constant or a member of a uniform binding.
 */
export function rowWindows(
  checker: Checker,
  fn: FnInfo,
  names: ModuleNames,
  stmts: readonly Stmt[],
  heldOnce: ReadonlySet<VarDecl>,
  leaf: (e: Expr) => string,
): RowWindows | null {
  const builtins = new Map<string, string>();
  for (const p of fn.params) if (p.builtin && !p.builtinStruct) builtins.set(p.cname, p.builtin);
  const inRegion = new Set<VarDecl>();
  for (const s of stmtsDeep(stmts)) if (s.kind === 'var') inRegion.add(s);
  const isU32 = (e: Expr) => {
    const t = checker.find(e)?.type;
    return t?.k === 'scalar' && (t.s === 'u32' || t.s === 'abstract-int');
  };
  /** `stable`: only values that never change in a dispatch (see the file comment). */
  const form = (e: Expr, stable: boolean, depth: number): Form | null => {
    const info = checker.find(e);
    if (!info || info.sideEffects || !isU32(e) || depth > MAX_DEPTH) return null;
    if (info.konst !== undefined) return { base: leaf(e), x: false };
    switch (e.kind) {
      case 'ident': {
        const sym = info.symbol;
        if (sym?.kind === 'param' && builtins.get(sym.cname) === 'local_invocation_index')
          return { base: 'duet_row', x: true };
        if (sym?.kind !== 'local') return null;
        if (heldOnce.has(sym.decl))
          return sym.decl.declKind === 'let' || !stable ? { base: sym.cname, x: false } : null;
        if (sym.decl.declKind !== 'let' || !sym.decl.init) return null;
        return form(sym.decl.init, stable || !inRegion.has(sym.decl), depth + 1);
      }
      case 'member': {
        const b = e.base;
        const bsym = b.kind === 'ident' ? checker.find(b)?.symbol : undefined;
        if (bsym?.kind === 'param') {
          const row = ROW_INPUTS[builtins.get(bsym.cname) ?? ''];
          const c = COMPONENT[e.name];
          if (!row || c === undefined) return null;
          const x =
            c === 0 &&
            (builtins.get(bsym.cname) === 'local_invocation_id' ||
              builtins.get(bsym.cname) === 'global_invocation_id');
          return { base: row[c]!, x };
        }
        let root: Expr = e;
        while (root.kind === 'member') root = root.base;
        const rsym = root.kind === 'ident' ? checker.find(root)?.symbol : undefined;
        return rsym?.kind === 'global' && rsym.g.space === 'uniform' ? { base: leaf(e), x: false } : null;
      }
      case 'binary': {
        if (e.op !== '+' && e.op !== '-' && e.op !== '*') return null;
        const l = form(e.left, stable, depth + 1);
        const r = l && form(e.right, stable, depth + 1);
        if (!l || !r) return null;
        if (e.op === '+' && !(l.x && r.x)) return { base: `(${l.base} + ${r.base})`, x: l.x || r.x };
        if (e.op === '-' && !r.x) return { base: `(${l.base} - ${r.base})`, x: l.x };
        if (e.op === '*' && !l.x && !r.x) return { base: `(${l.base} * ${r.base})`, x: false };
        return null;
      }
      default:
        return null;
    }
  };
  const byView = new Map<string, string>();
  const found: { e: Expr; view: string; base: string }[] = [];
  for (const s of stmtsDeep(stmts))
    for (const top of exprsOfStmt(s))
      someExpr(top, (e) => {
        if (e.kind !== 'index') return false;
        const view = viewOf(e.base);
        const f = view ? form(e.index, false, 0) : null;
        if (!view || !f?.x) return false;
        // One window per view, its first access's; an access at another base takes the clamped path
        // through the windowed view (an index outside the window reaches the whole array).
        if (!byView.has(view)) byView.set(view, f.base);
        found.push({ e, view, base: f.base });
        return false;
      });
  const windows: RowWindow[] = [];
  const accesses = new Set<Expr>();
  for (const [view, base] of byView) windows.push({ view, base });
  for (const a of found) if (byView.get(a.view) === a.base) accesses.add(a.e);
  return windows.length > 0 ? { windows, accesses } : null;

  /** The DuetCtx member of a storage binding's runtime-sized array of scalars, or of its struct's last member. */
  function viewOf(b: Expr): string | undefined {
    const scalarArray = (t: Type) => t.k === 'array' && t.count === null && t.e.k === 'scalar';
    if (b.kind === 'ident') {
      const sym = checker.find(b)?.symbol;
      if (sym?.kind !== 'global' || sym.g.space !== 'storage' || !scalarArray(sym.g.type)) return undefined;
      return names.of(b.name);
    }
    if (b.kind === 'member' && b.base.kind === 'ident') {
      const sym = checker.find(b.base)?.symbol;
      const t = sym?.kind === 'global' && sym.g.space === 'storage' ? sym.g.type : undefined;
      const last = t?.k === 'struct' ? t.members[t.members.length - 1] : undefined;
      if (last?.name !== b.name || !scalarArray(last.type)) return undefined;
      return names.view(b.base.name);
    }
    return undefined;
  }
}
