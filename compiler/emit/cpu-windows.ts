/**
 * Which runtime-sized array views a CPU loop-mode entry indexes with exactly its own global_invocation_id.x:
 * the views worth a window (duet_rt::window, compiler/preludes/common.h) over the workgroup's
 * gid.x range, and the `if`s whose outcome that range decides. This only chooses where a fast path pays off; it proves nothing about safety:
 * a window is set only when it lies inside its array (checked in window()), and an index outside the
 * window still reaches the whole array through the clamped path, so a wrong choice costs speed, never
 * a result or a byte outside the buffer.
 */
import type { Expr, IfStmt, VarDecl } from '../front/ast';
import type { FnInfo } from '../front/check/annotations';
import type { Checker } from '../front/check/checker';
import type { ModuleScope } from '../front/scope';
import type { BindingInfo } from '../reflect';

/** What the analysis reads of the module being emitted (ModuleToEmit, compiler/emit/module-input.ts). */
interface ModuleView {
  scope: ModuleScope;
  checker: Checker;
  bindings: BindingInfo[];
}

/** A WGSL `if` whose condition compares gid.x with a bound that cannot change during a dispatch. */
export interface WorkgroupGuard {
  stmt: IfStmt;
  /** The bound B of `gid.x < B` (or `B > gid.x`, `gid.x >= B`, `B <= gid.x`). */
  bound: Expr;
  /** The condition's value when gid.x < B: true for `<` and `>`, false for `>=` and `<=`. */
  whenBelow: boolean;
}

export interface WorkgroupFacts {
  /** C++ member names (of DuetCtx) of the views the entry indexes as `v[gid.x]` or `s.member[gid.x]`. */
  views: string[];
  guards: WorkgroupGuard[];
}

export function workgroupFacts(m: ModuleView, e: { fn: FnInfo }): WorkgroupFacts {
  const gid = e.fn.params.find((p) => p.builtin === 'global_invocation_id' && !p.builtinStruct);
  if (!gid) return { views: [], guards: [] };
  const decl = e.fn.decl;
  // Names declared more than once (or shadowing the builtin) may mean different values in different
  // scopes: none of them counts as an alias of gid.x.
  const declared = new Map<string, number>();
  const lets = new Map<string, Expr | undefined>();
  const indexes: Extract<Expr, { kind: 'index' }>[] = [];
  const ifs: IfStmt[] = [];
  for (const p of decl.params) declared.set(p.name, (declared.get(p.name) ?? 0) + 1);
  visit(decl.body, (node) => {
    if (node.kind === 'var') {
      const v = node as VarDecl;
      declared.set(v.name, (declared.get(v.name) ?? 0) + 1);
      if (v.declKind === 'let') lets.set(v.name, v.init);
    } else if (node.kind === 'index') {
      indexes.push(node as Extract<Expr, { kind: 'index' }>);
    } else if (node.kind === 'if') {
      ifs.push(node as IfStmt);
    }
  });
  const isGidX = (x: Expr | undefined): boolean => {
    if (!x) return false;
    const base = (b: Expr) => b.kind === 'ident' && b.name === gid.name && declared.get(gid.name) === 1;
    if (x.kind === 'member') return x.name === 'x' && base(x.base);
    if (x.kind === 'index') return x.index.kind === 'lit' && /^0[ui]?$/.test(x.index.text) && base(x.base);
    return false;
  };
  const isAlias = (x: Expr): boolean =>
    isGidX(x) ||
    (x.kind === 'ident' && declared.get(x.name) === 1 && lets.has(x.name) && isGidX(lets.get(x.name)));
  const names = m.checker.names;
  const views = new Set<string>();
  for (const ix of indexes) {
    if (!isAlias(ix.index)) continue;
    const target = ix.base;
    if (target.kind === 'ident' && !declared.has(target.name)) {
      const t = m.scope.globals.get(target.name)?.type;
      if (t?.k === 'array' && t.count === null && isBinding(m, target.name)) views.add(names.of(target.name));
    } else if (target.kind === 'member' && target.base.kind === 'ident' && !declared.has(target.base.name)) {
      const t = m.scope.globals.get(target.base.name)?.type;
      const last = t?.k === 'struct' ? t.members[t.members.length - 1] : undefined;
      if (
        last?.name === target.name &&
        last.type.k === 'array' &&
        last.type.count === null &&
        isBinding(m, target.base.name)
      )
        views.add(names.view(target.base.name));
    }
  }
  const guards: WorkgroupGuard[] = [];
  for (const stmt of ifs) {
    const c = stmt.cond;
    if (c.kind !== 'binary') continue;
    const flip: Record<string, string> = { '<': '>', '>': '<', '>=': '<=', '<=': '>=' };
    // Normalised to `gid.x OP B`.
    const [op, bound] = isAlias(c.left) ? [c.op, c.right] : isAlias(c.right) ? [flip[c.op], c.left] : [];
    if (!bound || (op !== '<' && op !== '>=') || !isInvariant(m, bound, declared)) continue;
    guards.push({ stmt, bound, whenBelow: op === '<' });
  }
  return { views: [...views].sort(), guards };
}

/**
 * A value every invocation of a dispatch sees the same: an integer literal, a member of a uniform
 * binding (WGSL forbids writes to the uniform address space, and no other binding shares its memory),
 * or arrayLength of a binding (fixed by the binding's size).
 */
function isInvariant(m: ModuleView, x: Expr, declared: ReadonlyMap<string, number>): boolean {
  if (x.kind === 'lit') return x.litKind === 'int';
  if (x.kind === 'member') {
    let root: Expr = x;
    while (root.kind === 'member') root = root.base;
    return root.kind === 'ident' && !declared.has(root.name) && bindingKind(m, root.name) === 'uniform';
  }
  const builtin = !declared.has('arrayLength') && !m.scope.decls.has('arrayLength');
  if (x.kind === 'call' && x.callee.name === 'arrayLength' && builtin && x.args.length === 1) {
    const a = x.args[0]!;
    if (a.kind !== 'unary' || a.op !== '&') return false;
    const root = a.operand.kind === 'member' ? a.operand.base : a.operand;
    return root.kind === 'ident' && !declared.has(root.name) && bindingKind(m, root.name) !== undefined;
  }
  return false;
}

function bindingKind(m: ModuleView, name: string): string | undefined {
  return m.bindings.find((b) => b.name === name)?.kind;
}

function isBinding(m: ModuleView, name: string): boolean {
  return m.bindings.some((b) => b.name === name);
}

/** Calls `f` on every AST node (objects with a `kind`) under `node`, statements and expressions alike. */
function visit(node: unknown, f: (n: { kind: string }) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) visit(x, f);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (typeof o.kind === 'string') f(o as { kind: string });
  // `for…in` over a plain AST object: its own keys in Object.entries order, without an array per node.
  for (const k in o) {
    const v = o[k];
    if (k !== 'pos' && v && typeof v === 'object') visit(v, f);
  }
}
