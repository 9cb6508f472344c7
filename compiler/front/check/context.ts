/**
 * The checker's working state as the statement, expression and call checkers see it: the scopes,
 * the function being checked, and the few entry points back into the checker (an expression's type,
 * a callee's signature). compiler/front/check/checker.ts implements it; the parts import only this
 * interface, so they never import the checker (no cycle).
 */
import type { Pos } from '../../diagnostics';
import type { ModuleNames } from '../../namer';
import type { Expr, VarDecl } from '../ast';
import type { ConstEnv } from '../consteval';
import type { ModuleScope } from '../scope';
import type { Type } from '../types';
import type { ExprInfo, FnInfo, WgslSymbol } from './annotations';

export interface CheckContext {
  readonly scope: ModuleScope;
  readonly names: ModuleNames;
  readonly info: ReadonlyMap<Expr, ExprInfo>;
  /** The symbol each function-scope declaration introduced (for the emitter). */
  readonly localSymbols: Map<VarDecl, WgslSymbol & { kind: 'local' | 'const' }>;
  /** Innermost last; a function starts with one holding its parameters. */
  scopes: Map<string, WgslSymbol>[];
  /** The function being checked; undefined in a module-scope initializer. */
  current?: FnInfo;
  loopDepth: number;
  switchDepth: number;
  continuingDepth: number;
  /** Above 0 inside the right side of a `&&` / `||` its const left side decides (not evaluated). */
  notEvaluated: number;

  /** Checks `e` (once) and records what it is; `asStatement` allows a call that returns nothing. */
  expr(e: Expr, asStatement?: boolean): ExprInfo;
  get(e: Expr): ExprInfo;
  /** Checks a user function (once) and returns its summary; `pos` is where it is called. */
  checkFunction(name: string, pos: Pos): FnInfo;
  /** A name in function scope or, failing that, at module scope (recording globals the function uses). */
  lookup(name: string): WgslSymbol | undefined;
  /** A name in function scope only. */
  lookupLocalOnly(name: string): WgslSymbol | undefined;
  constEnv(): ConstEnv;
  /** A type written in the function being checked: its function-scope `const`s are in view (§7.2). */
  resolveType(e: Expr): Type;
  /** A C++ name for a parameter or function-scope declaration no other declaration has. */
  declareLocal(name: string): string;
  requireF16Feature(pos: Pos): void;
  requireSubgroups(pos: Pos): void;
}
