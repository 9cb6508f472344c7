/**
 * WGSL, "Continue Statement" (section 9.4 "Control Flow"): a `continue` must not transfer control past a declaration
 * that the targeted continuing statement uses; the continuing block would read a variable whose
 * declaration never ran. Tint refuses it ("continue statement bypasses declaration of 'x'"). Here it
 * also keeps the CPU code sound: loop fission keeps such a variable in per-invocation scratch memory
 * (compiler/emit/entry-cpu-fission.ts), where a skipped declaration left whatever was there before.
 */
import { fail } from '../../diagnostics';
import type { Block, Continuing, Expr, Stmt, VarDecl } from '../ast';
import type { ExprInfo } from './annotations';

/** The `continue` statements in `s` that target the loop around it (not those of loops inside). */
function continuesIn(s: Stmt, out: Stmt[]): void {
  switch (s.kind) {
    case 'continue':
      out.push(s);
      return;
    case 'block':
      for (const t of s.stmts) continuesIn(t, out);
      return;
    case 'if':
      continuesIn(s.then, out);
      if (s.else) continuesIn(s.else, out);
      return;
    case 'switch':
      for (const c of s.clauses) continuesIn(c.body, out);
      return;
    default:
      return; // loops target their own continues; other statements hold none
  }
}

/** The function-scope declarations the continuing statement names. */
function declsUsedIn(continuing: Continuing, info: ReadonlyMap<Expr, ExprInfo>): Set<VarDecl> {
  const used = new Set<VarDecl>();
  const walk = (n: unknown): void => {
    if (typeof n !== 'object' || n === null) return;
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    const s = info.get(n as Expr)?.symbol;
    if (s && (s.kind === 'local' || (s.kind === 'const' && !s.module))) used.add(s.decl);
    for (const k in n) if (k !== 'pos') walk((n as Record<string, unknown>)[k]);
  };
  walk(continuing);
  return used;
}

/** Fails at the first `continue` of `body` that skips a declaration `continuing` uses. */
export function checkContinueBypass(
  body: Block,
  continuing: Continuing | undefined,
  info: ReadonlyMap<Expr, ExprInfo>,
): void {
  if (!continuing) return;
  const used = declsUsedIn(continuing, info);
  if (used.size === 0) return;
  const continues: Stmt[] = [];
  for (const s of body.stmts) {
    if (s.kind === 'var' && used.has(s) && continues.length > 0)
      fail(
        continues[0]!.pos,
        `'continue' skips the declaration of '${s.name}' (line ${s.pos.line}), which the continuing block uses`,
      );
    continuesIn(s, continues);
  }
}
