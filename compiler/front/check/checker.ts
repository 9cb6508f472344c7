/**
 * Type checking of function bodies (WGSL spec §8 "Expressions", §9 "Statements", §17 "Built-in
 * functions"). Annotates every expression with its type (possibly abstract), whether it denotes a
 * memory reference, whether evaluating it has side effects, and what a name or call resolves to
 * (annotations.ts). The emitter reads these annotations; anything the translator cannot handle fails
 * here with a positioned diagnostic. This file holds the state and the name lookup; statements.ts,
 * expressions.ts, calls.ts and the built-in tables do the checking. Uniformity is a pass of its own
 * (compiler/front/uniformity.ts) that translate runs afterwards.
 */
import { fail, type Pos } from '../../diagnostics';
import { checkTemporary } from '../../memory-limits';
import type { ModuleNames } from '../../namer';
import type { Expr, VarDecl } from '../ast';
import { refuseBufferIn } from '../buffer-view';
import type { ConstEnv } from '../consteval';
import type { ModuleScope } from '../scope';
import { isHandle, type Type, typeName, VOID } from '../types';
import {
  type CheckedFunctions,
  countLocal,
  type ExprInfo,
  type FnInfo,
  type WgslSymbol,
} from './annotations';
import { isStaticTable } from './const-tables';
import { markFoldedConsts } from './const-uses';
import type { CheckContext } from './context';
import { paramInputs } from './entry-inputs';
import { checkExpr } from './expressions';
import { checkBlock, checkInitializer } from './statements';

export class Checker implements CheckContext, CheckedFunctions {
  readonly info = new Map<Expr, ExprInfo>();
  readonly fnInfo = new Map<string, FnInfo>();
  scopes: Map<string, WgslSymbol>[] = [];
  current?: FnInfo;
  loopDepth = 0;
  switchDepth = 0;
  continuingDepth = 0;
  notEvaluated = 0;
  /** The base of the index or member expression being checked (a static table read in place). */
  private indexedBase?: Expr;
  /** Values a module constant's initializer makes, while it is checked (moduleConstSymbol). */
  private initTemporaries?: { pos: Pos; type: Type }[];
  private readonly checking = new Set<string>();
  readonly moduleConsts = new Map<string, WgslSymbol & { kind: 'const' }>();
  /** The symbol each function-scope declaration introduced (for the emitter). */
  readonly localSymbols = new Map<VarDecl, WgslSymbol & { kind: 'local' | 'const' }>();

  constructor(
    readonly scope: ModuleScope,
    /** The module's one registry of C++ names (compiler/namer.ts). */
    readonly names: ModuleNames,
  ) {
    scope.inferType = (init) => this.moduleInitType(init);
  }

  get(e: Expr): ExprInfo {
    const i = this.info.get(e);
    if (!i) throw new Error(`expression at ${e.pos.line}:${e.pos.col} was not checked`);
    return i;
  }

  /** The annotations of `e`, or undefined for an expression the checker never checked as a value (a type or function name). */
  find(e: Expr): ExprInfo | undefined {
    return this.info.get(e);
  }

  expr(e: Expr, asStatement = false): ExprInfo {
    const savedIndexed = this.indexedBase;
    if (e.kind === 'index' || e.kind === 'member') this.indexedBase = e.base;
    const i = checkExpr(this, e, asStatement);
    this.indexedBase = savedIndexed;
    // A constructed or returned array or structure is a temporary on the invocation's stack, and so is
    // a module-scope constant's at each use (compiler/emit/module-consts.ts), except a static table's
    // where it is indexed or a member is taken: that reads the one static copy (const-tables.ts).
    const s = i.symbol;
    const moduleConst = s?.kind === 'const' && s.module && !(s.table && this.indexedBase === e);
    // An element or member of a table read in place is held to the same 64 KiB: the emitter may copy it.
    const tablePart = (e.kind === 'index' || e.kind === 'member') && this.isTable(e.base);
    if (this.current && (e.kind === 'call' || moduleConst || tablePart)) {
      // In a module constant's initializer, decided once the constant is known to be a table or not.
      if (this.initTemporaries) this.initTemporaries.push({ pos: e.pos, type: i.type });
      else checkTemporary(e.pos, i.type);
    }
    this.info.set(e, i);
    return i;
  }

  private isTable(e: Expr): boolean {
    const s = this.info.get(e)?.symbol;
    return s?.kind === 'const' && s.table === true;
  }

  // ---- functions ----------------------------------------------------------------------------------------

  checkFunction(name: string, pos: Pos): FnInfo {
    if (this.checking.has(name)) fail(pos, `function '${name}' is recursive; WGSL forbids recursion`);
    const have = this.fnInfo.get(name);
    if (have) return have;
    const decl = this.scope.fns.get(name);
    if (!decl) fail(pos, `unknown function '${name}'`);
    this.checking.add(name);
    const saved = { scopes: this.scopes, current: this.current, loop: this.loopDepth, sw: this.switchDepth };
    // A callee's body is evaluated whenever it is called, even from a right side that is not.
    const savedNotEvaluated = this.notEvaluated;
    this.notEvaluated = 0;
    this.scopes = [new Map()];
    this.loopDepth = 0;
    this.switchDepth = 0;
    const fi: FnInfo = {
      decl,
      params: [],
      ret: decl.ret ? this.scope.resolveType(decl.ret) : VOID,
      calls: new Set(),
      usesBarrier: false,
      usesSubgroups: false,
      usesF16: false,
      globals: new Set(),
      samplings: [],
      bufferViews: [],
      localBytes: 0,
    };
    // WGSL §11.1: a function returns a constructible type; a texture or sampler is none.
    if (isHandle(fi.ret)) fail(decl.ret!.pos, `a function cannot return ${typeName(fi.ret)}`);
    if (decl.ret) refuseBufferIn(decl.ret.pos, fi.ret, 'a return type');
    const isEntry = decl.attrs.some((a) => a.name === 'compute');
    for (const p of decl.params) {
      const type = this.scope.resolveType(p.type);
      refuseBufferIn(p.type.pos, type, 'a parameter');
      const { builtin, builtinStruct } = paramInputs(this, p, type, fi, isEntry);
      const cname = this.declareLocal(p.name);
      fi.params.push({ name: p.name, type, cname, builtin, builtinStruct });
      countLocal(fi, p.name, p.pos, type);
      this.scopes[0]!.set(p.name, { kind: 'param', name: p.name, type, cname });
    }
    this.current = fi;
    this.fnInfo.set(name, fi); // registered early so recursive references fail cleanly above
    checkBlock(this, decl.body, false);
    this.checking.delete(name);
    this.scopes = saved.scopes;
    this.current = saved.current;
    this.loopDepth = saved.loop;
    this.switchDepth = saved.sw;
    this.notEvaluated = savedNotEvaluated;
    return fi;
  }

  requireSubgroups(pos: Pos): void {
    if (!this.scope.enables.has('subgroups')) fail(pos, "subgroup operations require 'enable subgroups;'");
  }

  requireF16Feature(pos: Pos): void {
    if (!this.scope.enables.has('f16')) fail(pos, "f16 requires 'enable f16;'");
    if (this.current) this.current.usesF16 = true;
  }

  /**
   * A C++ name for a parameter or function-scope declaration: one no other declaration of the module
   * has, so C++ scoping can never make a name mean another declaration than WGSL's does.
   */
  declareLocal(name: string): string {
    return this.names.local(name);
  }

  // ---- names --------------------------------------------------------------------------------------------

  lookup(name: string): WgslSymbol | undefined {
    const s = this.lookupLocalOnly(name);
    if (s) return s;
    const d = this.scope.decls.get(name);
    if (d?.kind !== 'var') return undefined;
    if (d.declKind === 'var') {
      const g = this.scope.globalVar(d);
      this.current?.globals.add(name);
      return { kind: 'global', g, cname: this.names.of(name) };
    }
    if (d.declKind === 'override')
      return { kind: 'override', info: this.scope.override(d), cname: this.names.of(name) };
    if (d.declKind === 'const') return this.moduleConst(d);
    return undefined;
  }

  lookupLocalOnly(name: string): WgslSymbol | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i]!.get(name);
      if (s) return s;
    }
    return undefined;
  }

  /** `lookup` for constant folding: resolves constants and overrides, records no global use. */
  private lookupNoTrack(name: string): WgslSymbol | undefined {
    const s = this.lookupLocalOnly(name);
    if (s) return s;
    const d = this.scope.decls.get(name);
    if (d?.kind === 'var' && d.declKind === 'const') return this.moduleConst(d);
    if (d?.kind === 'var' && d.declKind === 'override') {
      return { kind: 'override', info: this.scope.override(d), cname: this.names.of(name) };
    }
    return undefined;
  }

  resolveType(e: Expr): Type {
    return this.scope.resolveLocalType(e, (n) => {
      const s = this.lookupLocalOnly(n);
      if (!s) return undefined;
      return s.kind === 'const' ? { value: s.value, init: s.decl.init } : {};
    });
  }

  constEnv(): ConstEnv {
    return this.env;
  }

  /**
   * Made once: its lookups read the checker's current scopes when called, and the checker asks for it
   * once per folded expression, so a fresh object (four closures) each time was a tenth of the check.
   */
  private readonly env: ConstEnv = {
    shadowed: (n) => this.scope.fns.has(n) || this.lookupLocalOnly(n) !== undefined,
    lookup: (n) => {
      const s = this.lookupNoTrack(n);
      if (s?.kind === 'const') return s.value;
      if (s?.kind === 'override') return s.info.value;
      return undefined;
    },
    constInit: (n) => {
      const s = this.lookupNoTrack(n);
      return s?.kind === 'const' ? s.decl.init : undefined;
    },
    isOverride: (n) => this.lookupNoTrack(n)?.kind === 'override',
  };

  // ---- module scope -------------------------------------------------------------------------------------

  private moduleConst(d: VarDecl): WgslSymbol & { kind: 'const' } {
    const have = this.moduleConsts.get(d.name);
    if (have) return have;
    const sym = this.moduleConstSymbol(d);
    this.moduleConsts.set(d.name, sym);
    return sym;
  }

  /** Check a module-scope const's initializer and make its symbol (recorded by the caller). */
  private moduleConstSymbol(d: VarDecl): WgslSymbol & { kind: 'const' } {
    if (!d.init) fail(d.pos, `const '${d.name}' needs an initializer`);
    const savedScopes = this.scopes;
    const savedNotEvaluated = this.notEvaluated;
    this.scopes = [];
    this.notEvaluated = 0; // a module const is evaluated wherever it is first named
    const savedTemporaries = this.initTemporaries;
    this.initTemporaries = [];
    const t = this.expr(d.init);
    const temporaries = this.initTemporaries;
    this.initTemporaries = savedTemporaries;
    this.scopes = savedScopes;
    this.notEvaluated = savedNotEvaluated;
    const type = d.type ? this.scope.resolveType(d.type) : t.type;
    if (d.type) checkInitializer(d.init, t, type);
    const table = isStaticTable(d.init, type, (e) => this.scope.constValue(e));
    // A table's initializer is a static aggregate, no value on a stack; otherwise the values it makes
    // inside are temporaries of the constant's function, and the whole value is checked at each use.
    if (!table) for (const v of temporaries) if (v.pos !== d.init.pos) checkTemporary(v.pos, v.type);
    return {
      kind: 'const',
      decl: d,
      type,
      cname: this.names.of(d.name),
      module: true,
      value: this.scope.constValue(d.init),
      ...(table ? { table } : {}),
    };
  }

  /**
   * Check every module-scope const and override initializer, used or not: WGSL requires each
   * declaration to be valid (§7.1; a const-expression without a value is a shader-creation error,
   * §8.8). Checking the unused ones must not change what is emitted, so the set of constants the
   * emitter sees is restored afterwards.
   */
  checkModuleDeclarations(): void {
    const used = new Map(this.moduleConsts);
    for (const d of this.scope.decls.values()) {
      if (d.kind !== 'var' || !d.init) continue;
      if (d.declKind === 'const' && !used.has(d.name)) this.moduleConstSymbol(d);
      if (d.declKind === 'override') {
        const info = this.scope.override(d);
        const saved = this.scopes;
        this.scopes = [];
        checkInitializer(d.init, this.expr(d.init), info.type);
        this.scopes = saved;
      }
    }
    this.moduleConsts.clear();
    for (const [name, sym] of used) this.moduleConsts.set(name, sym);
  }

  /**
   * Check every function not checked yet (none of the chosen entry points reaches it): an error in any
   * function is a shader-creation error (WGSL §2.3). Run after the reachable ones, so their C++ names
   * do not change; the module constants only these functions use are forgotten again, so the emitter
   * sees the same set as before.
   */
  checkUnreachedFunctions(): void {
    const used = new Map(this.moduleConsts);
    for (const f of this.scope.fns.values()) this.checkFunction(f.name, f.pos);
    this.moduleConsts.clear();
    for (const [name, sym] of used) this.moduleConsts.set(name, sym);
  }

  /**
   * Once the emitted functions are known: the constants whose every use folds stay abstract and are
   * not written (const-uses.ts); the module constants left are the ones the emitter writes.
   */
  dropFoldedConsts(roots: unknown[]): void {
    const locals = [...this.localSymbols.values()].filter((s) => s.kind === 'const');
    const written = markFoldedConsts(roots, this.info, [...this.moduleConsts.values(), ...locals]);
    for (const [name, sym] of this.moduleConsts) if (!written.has(sym)) this.moduleConsts.delete(name);
  }

  /** The type of a module-scope initializer, which sees no function scope. */
  private moduleInitType(e: Expr): Type {
    const saved = this.scopes;
    const savedFn = this.current;
    this.scopes = [];
    this.current = undefined;
    try {
      const i = this.expr(e);
      if (i.type.k === 'void') fail(e.pos, 'initializer has no value');
      return i.type;
    } finally {
      this.scopes = saved;
      this.current = savedFn;
    }
  }

  /** Check a module-scope initializer (of a `var<private>`), which sees no function scope. */
  checkModuleInit(e: Expr, type: Type): void {
    this.moduleInitType(e);
    checkInitializer(e, this.get(e), type);
  }
}
