/**
 * Type checking of function bodies (WGSL spec §8 "Expressions", §9 "Statements", §17 "Built-in
 * functions"). Annotates every expression with its type (possibly abstract), whether it denotes a
 * memory reference, whether evaluating it has side effects, and what a name or call resolves to.
 * The emitter reads these annotations; anything the translator cannot handle fails here with a
 * positioned diagnostic.
 */
import { fail, type Pos, unsupported } from '../diagnostics';
import { layoutOf } from '../layout';
import type { ModuleNames } from '../namer';
import type { Block, CallExpr, Expr, FnDecl, Stmt, VarDecl } from './ast';
import { constIntBinaryError, constIntUnaryError } from './const-int-errors';
import { type ConstEnv, evalConst, mentionsOverride, type Typed } from './consteval';
import type { GlobalVar, ModuleScope, OverrideInfo } from './scope';
import {
  type AccessMode,
  type AddressSpace,
  BOOL,
  canConvert,
  concretizeDefault,
  F32,
  I32,
  isAbstract,
  isFloatKind,
  isIntKind,
  type ScalarKind,
  type StructType,
  sameType,
  scalar,
  scalarOf,
  type Type,
  typeName,
  U32,
  VOID,
  vec,
  withScalar,
} from './types';
import { Uniformity } from './uniformity';

export type Symbol =
  | { kind: 'local'; decl: VarDecl; type: Type; mutable: boolean; cname: string }
  | { kind: 'param'; name: string; type: Type; cname: string }
  | { kind: 'global'; g: GlobalVar; cname: string }
  | { kind: 'override'; info: OverrideInfo; cname: string }
  | { kind: 'const'; decl: VarDecl; type: Type; cname: string; module: boolean; value?: Typed };

export interface ExprInfo {
  type: Type;
  /** Set when the expression denotes a memory reference (WGSL §6.4.2 "Reference and pointer types"). */
  ref?: { space: AddressSpace; access: AccessMode };
  sideEffects: boolean;
  symbol?: Symbol;
  /** Calls: what is called. */
  call?:
    | { kind: 'ctor'; type: Type }
    | { kind: 'builtin'; name: string; targ?: Type }
    | { kind: 'user'; fn: FnDecl };
  /** Member access: a vector swizzle (component indices). */
  swizzle?: number[];
  /** Index/member access through a pointer (implicit dereference). */
  viaPointer?: boolean;
  /** Binary operators: the scalar kind both operands are converted to. */
  opScalar?: ScalarKind;
  konst?: Typed;
}

export interface FnInfo {
  decl: FnDecl;
  /** `builtin`: the @builtin value of an entry parameter; `builtinStruct`: those of its struct's members. */
  params: { name: string; type: Type; cname: string; builtin?: string; builtinStruct?: string[] }[];
  ret: Type;
  calls: Set<string>;
  usesBarrier: boolean;
  usesSubgroups: boolean;
  usesF16: boolean;
  /** Module-scope variables this function touches directly. */
  globals: Set<string>;
  /**
   * Function-scope `var`s and `let`s it declares, and their parameters' (host-shareable sizes,
   * WGSL section 14.4.1): what one invocation keeps on its stack for this function at most.
   */
  localBytes: number;
  /** The biggest of them, to point a "too much memory" error at. */
  largestLocal?: { name: string; pos: Pos; bytes: number };
}

/** Adds a local (or a parameter passed by value) to its function's stack estimate. */
function countLocal(fi: FnInfo, name: string, pos: Pos, type: Type): void {
  if (type.k === 'ptr' || type.k === 'void') return; // a pointer names memory counted where it lives
  const bytes = layoutOf(type).size;
  fi.localBytes += bytes;
  if (!fi.largestLocal || bytes > fi.largestLocal.bytes) fi.largestLocal = { name, pos, bytes };
}

const SWIZZLE_SETS = ['xyzw', 'rgba'];

/** Compute-stage builtin inputs (WGSL §13.3.1.1) and their types. */
export const COMPUTE_BUILTINS: Record<string, Type> = {
  global_invocation_id: vec(3, 'u32'),
  local_invocation_id: vec(3, 'u32'),
  local_invocation_index: U32,
  workgroup_id: vec(3, 'u32'),
  num_workgroups: vec(3, 'u32'),
};

/**
 * Subgroup builtin inputs (WGSL subgroups extension; `subgroup_id` and `num_subgroups` from the
 * `subgroup_id` language feature); need `enable subgroups;`.
 */
const SUBGROUP_BUILTINS: Record<string, Type> = {
  subgroup_invocation_id: U32,
  subgroup_size: U32,
  subgroup_id: U32,
  num_subgroups: U32,
};

export class Checker {
  readonly info = new Map<Expr, ExprInfo>();
  readonly fnInfo = new Map<string, FnInfo>();
  private scopes: Map<string, Symbol>[] = [];
  private current?: FnInfo;
  private loopDepth = 0;
  private switchDepth = 0;
  private continuingDepth = 0;
  private readonly checking = new Set<string>();
  private uniformity?: Uniformity;
  readonly moduleConsts = new Map<string, Symbol & { kind: 'const' }>();
  /** The symbol each function-scope declaration introduced (for the emitter). */
  readonly localSymbols = new Map<VarDecl, Symbol & { kind: 'local' | 'const' }>();

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

  // ---- functions ----------------------------------------------------------------------------------------

  checkFunction(name: string, pos: Pos): FnInfo {
    if (this.checking.has(name)) fail(pos, `function '${name}' is recursive; WGSL forbids recursion`);
    const have = this.fnInfo.get(name);
    if (have) return have;
    const decl = this.scope.fns.get(name);
    if (!decl) fail(pos, `unknown function '${name}'`);
    this.checking.add(name);
    const saved = { scopes: this.scopes, current: this.current, loop: this.loopDepth, sw: this.switchDepth };
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
      localBytes: 0,
    };
    for (const p of decl.params) {
      const type = this.scope.resolveType(p.type);
      const b = p.attrs.find((a) => a.name === 'builtin');
      let builtin: string | undefined;
      let builtinStruct: string[] | undefined;
      if (b) {
        const arg = b.args[0];
        builtin = arg?.kind === 'ident' ? arg.name : undefined;
        if (!builtin) fail(b.pos, '@builtin needs a name');
        if (builtin in SUBGROUP_BUILTINS) {
          this.requireSubgroups(b.pos);
          fi.usesSubgroups = true;
        }
        const want = COMPUTE_BUILTINS[builtin] ?? SUBGROUP_BUILTINS[builtin];
        if (!want) fail(b.pos, `@builtin(${builtin}) is not a compute shader input`);
        if (!sameType(want, type)) fail(p.pos, `@builtin(${builtin}) must have type ${typeName(want)}`);
      } else if (decl.attrs.some((a) => a.name === 'compute')) {
        if (type.k !== 'struct') fail(p.pos, `entry point parameter '${p.name}' needs a @builtin attribute`);
        builtinStruct = this.builtinMembers(p.pos, type);
      }

      const cname = this.declareLocal(p.name);
      fi.params.push({ name: p.name, type, cname, builtin, builtinStruct });
      countLocal(fi, p.name, p.pos, type);
      this.scopes[0]!.set(p.name, { kind: 'param', name: p.name, type, cname });
    }
    this.current = fi;
    this.fnInfo.set(name, fi); // registered early so recursive references fail cleanly above
    this.block(decl.body, false);
    this.fnInfo.set(name, fi);
    this.checking.delete(name);
    this.scopes = saved.scopes;
    this.current = saved.current;
    this.loopDepth = saved.loop;
    this.switchDepth = saved.sw;
    // An entry point and everything it calls are checked now: run the uniformity analysis (§15.2).
    if (decl.attrs.some((a) => a.name === 'compute')) {
      this.uniformity ??= new Uniformity(this);
      this.uniformity.checkEntry(name);
    }
    return fi;
  }

  /** Entry-point IO struct (WGSL §13.3.1): every member must be a compute @builtin input. */
  private builtinMembers(pos: Pos, t: StructType): string[] {
    const d = this.scope.decls.get(t.name);
    if (d?.kind !== 'struct') fail(pos, `entry point parameter of type ${t.name} needs @builtin members`);
    return d.members.map((m, i) => {
      const b = m.attrs.find((a) => a.name === 'builtin');
      const arg = b?.args[0];
      const name = arg?.kind === 'ident' ? arg.name : undefined;
      if (!name) fail(m.pos, `member '${m.name}' of entry point input ${t.name} needs a @builtin attribute`);
      if (name in SUBGROUP_BUILTINS) this.requireSubgroups(m.pos);
      const want = COMPUTE_BUILTINS[name] ?? SUBGROUP_BUILTINS[name];
      if (!want) fail(m.pos, `@builtin(${name}) is not a compute shader input`);
      if (!sameType(want, t.members[i]!.type))
        fail(m.pos, `@builtin(${name}) must have type ${typeName(want)}`);
      return name;
    });
  }

  private requireSubgroups(pos: Pos): void {
    if (!this.scope.enables.has('subgroups')) fail(pos, "subgroup operations require 'enable subgroups;'");
  }

  /** Subgroup builtins (WGSL subgroups extension): 32-lane subgroups on both targets. */
  private subgroupBuiltin(e: CallExpr, ts: Type[], argSE: boolean): ExprInfo {
    const name = e.callee.name;
    const pos = e.pos;
    this.requireSubgroups(pos);
    if (this.current) {
      this.current.usesSubgroups = true;
    }
    const bad: () => never = () => fail(pos, `no overload of '${name}' for (${ts.map(typeName).join(', ')})`);
    const arity = (k: number): void => {
      if (ts.length !== k) fail(pos, `'${name}' takes ${k} argument${k === 1 ? '' : 's'}, got ${ts.length}`);
    };
    const value = (t: Type | undefined, kinds: ScalarKind[]): Type => {
      const c = t && concretizeDefault(t);
      if (!c || (c.k !== 'scalar' && c.k !== 'vec')) return bad();
      const s = scalarOf(c)!;
      if (s === 'f16') unsupported(pos, `'${name}' on f16 values`);
      if (!kinds.includes(s)) bad();
      return c;
    };
    const laneArg = (t: Type | undefined): void => {
      if (t?.k !== 'scalar' || !isIntKind(t.s)) bad();
    };
    const out = (type: Type): ExprInfo => ({ type, sideEffects: true, call: { kind: 'builtin', name } });
    const numeric: ScalarKind[] = ['i32', 'u32', 'f32'];
    switch (name) {
      case 'subgroupAdd':
      case 'subgroupMul':
      case 'subgroupMin':
      case 'subgroupMax':
      case 'subgroupExclusiveAdd':
      case 'subgroupInclusiveAdd':
      case 'subgroupExclusiveMul':
      case 'subgroupInclusiveMul':
        arity(1);
        return out(value(ts[0], numeric));
      case 'subgroupAnd':
      case 'subgroupOr':
      case 'subgroupXor':
        arity(1);
        return out(value(ts[0], ['i32', 'u32']));
      case 'quadSwapX':
      case 'quadSwapY':
      case 'quadSwapDiagonal':
      case 'subgroupBroadcastFirst':
        arity(1);
        return out(value(ts[0], numeric));
      case 'quadBroadcast':
      case 'subgroupBroadcast':
      case 'subgroupShuffle':
      case 'subgroupShuffleXor':
      case 'subgroupShuffleUp':
      case 'subgroupShuffleDown':
        arity(2);
        laneArg(ts[1]);
        return out(value(ts[0], numeric));
      case 'subgroupBallot':
        arity(1);
        if (!ts[0] || !isBool(ts[0]) || ts[0].k !== 'scalar') bad();
        return out(vec(4, 'u32'));
      case 'subgroupElect':
        arity(0);
        return out(BOOL);
      case 'subgroupAll':
      case 'subgroupAny':
        arity(1);
        if (!ts[0] || !isBool(ts[0]) || ts[0].k !== 'scalar') bad();
        return out(BOOL);
      default:
        void argSE;
        return unsupported(pos, `'${name}' (this subgroup operation)`);
    }
  }

  /**
   * A C++ name for a parameter or function-scope declaration: one no other declaration of the module
   * has, so C++ scoping can never make a name mean another declaration than WGSL's does.
   */
  private declareLocal(name: string): string {
    return this.names.local(name);
  }

  private lookup(name: string): Symbol | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i]!.get(name);
      if (s) return s;
    }
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

  moduleConst(d: VarDecl): Symbol & { kind: 'const' } {
    const have = this.moduleConsts.get(d.name);
    if (have) return have;
    if (!d.init) fail(d.pos, `const '${d.name}' needs an initializer`);
    const savedScopes = this.scopes;
    this.scopes = [];
    const t = this.expr(d.init);
    this.scopes = savedScopes;
    const type = d.type ? this.scope.resolveType(d.type) : t.type;
    if (d.type && !canConvert(t.type, type))
      fail(d.init.pos, `cannot initialize ${typeName(type)} with ${typeName(t.type)}`);
    const sym: Symbol & { kind: 'const' } = {
      kind: 'const',
      decl: d,
      type,
      cname: this.names.of(d.name),
      module: true,
      value: this.scope.constValue(d.init),
    };
    this.moduleConsts.set(d.name, sym);
    return sym;
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
    const t = this.moduleInitType(e);
    if (!canConvert(t, type)) fail(e.pos, `cannot initialize ${typeName(type)} with ${typeName(t)}`);
  }

  // ---- statements ---------------------------------------------------------------------------------------

  private block(b: Block, newScope = true): void {
    if (newScope) this.scopes.push(new Map());
    for (const s of b.stmts) this.stmt(s);
    if (newScope) this.scopes.pop();
  }

  private stmt(s: Stmt): void {
    switch (s.kind) {
      case 'block':
        this.block(s);
        return;
      case 'var':
        this.varDecl(s);
        return;
      case 'assign': {
        const r = this.expr(s.rhs);
        if (s.lhs === null) {
          if (r.type.k === 'void') fail(s.rhs.pos, 'cannot discard a function call that returns nothing');
          return;
        }
        const l = this.expr(s.lhs);
        this.requireWritable(s.lhs, l);
        if (l.type.k === 'atomic') fail(s.pos, 'atomics can only be changed with atomic builtins');
        if (s.op === '=') {
          if (!canConvert(r.type, l.type)) {
            fail(s.rhs.pos, `cannot assign ${typeName(r.type)} to ${typeName(l.type)}`);
          }
        } else {
          this.binaryType(s.pos, s.op.slice(0, -1), l.type, r.type, s.rhs);
        }
        return;
      }
      case 'incdec': {
        const l = this.expr(s.lhs);
        this.requireWritable(s.lhs, l);
        if (l.type.k !== 'scalar' || (l.type.s !== 'i32' && l.type.s !== 'u32')) {
          fail(s.pos, `${s.op} needs an i32 or u32 variable, not ${typeName(l.type)}`);
        }
        return;
      }
      case 'call':
        this.expr(s.call, true);
        return;
      case 'if':
        this.condition(s.cond, 'if');
        this.block(s.then);
        if (s.else) this.stmt(s.else);
        return;
      case 'switch': {
        const sel = this.expr(s.selector);
        if (sel.type.k !== 'scalar' || !isIntKind(sel.type.s))
          fail(s.selector.pos, 'switch selector must be i32 or u32');
        const seen = new Set<number>();
        let defaults = 0;
        for (const c of s.clauses) {
          for (const e of c.selectors) {
            if (e === null) {
              defaults++;
              continue;
            }
            const v = this.expr(e);
            if (!v.konst || typeof v.konst.value !== 'number')
              fail(e.pos, 'case selector must be a constant integer');
            if (seen.has(v.konst.value)) fail(e.pos, `duplicate case value ${v.konst.value}`);
            seen.add(v.konst.value);
          }
          this.switchDepth++;
          this.block(c.body);
          this.switchDepth--;
        }
        if (defaults !== 1) fail(s.pos, 'a switch needs exactly one default clause');
        return;
      }
      case 'for':
        this.scopes.push(new Map());
        if (s.init) this.stmt(s.init);
        if (s.cond) this.condition(s.cond, 'for');
        if (s.update) this.stmt(s.update);
        this.loop(() => this.block(s.body));
        this.scopes.pop();
        return;
      case 'while':
        this.condition(s.cond, 'while');
        this.loop(() => this.block(s.body));
        return;
      case 'loop':
        this.loop(() => {
          // The continuing block sees the loop body's declarations (WGSL §9.4.5).
          this.scopes.push(new Map());
          for (const st of s.body.stmts) this.stmt(st);
          if (s.continuing) {
            this.continuingDepth++;
            this.scopes.push(new Map());
            for (const st of s.continuing.body.stmts) this.stmt(st);
            if (s.continuing.breakIf) this.condition(s.continuing.breakIf, 'break if');
            this.scopes.pop();
            this.continuingDepth--;
          }
          this.scopes.pop();
        });
        return;
      case 'break':
        if (this.loopDepth === 0 && this.switchDepth === 0) fail(s.pos, "'break' outside a loop or switch");
        return;
      case 'continue':
        if (this.loopDepth === 0) fail(s.pos, "'continue' outside a loop");
        if (this.continuingDepth > 0) fail(s.pos, "'continue' is not allowed in a continuing block");
        return;
      case 'return': {
        const want = this.current!.ret;
        if (!s.value) {
          if (want.k !== 'void') fail(s.pos, `missing return value of type ${typeName(want)}`);
          return;
        }
        const v = this.expr(s.value);
        if (want.k === 'void') fail(s.pos, 'this function returns nothing');
        if (!canConvert(v.type, want))
          fail(s.value.pos, `cannot return ${typeName(v.type)} as ${typeName(want)}`);
        return;
      }
      case 'discard':
        fail(s.pos, "'discard' is only allowed in fragment shaders");
        return;
      case 'const_assert': {
        const v = this.expr(s.cond);
        if (v.konst?.value !== true) fail(s.pos, 'const_assert failed');
        return;
      }
    }
  }

  private loop(body: () => void): void {
    const savedSwitch = this.switchDepth;
    this.switchDepth = 0;
    this.loopDepth++;
    body();
    this.loopDepth--;
    this.switchDepth = savedSwitch;
  }

  private condition(e: Expr, what: string): void {
    const c = this.expr(e);
    if (c.type.k !== 'scalar' || c.type.s !== 'bool')
      fail(e.pos, `${what} condition must be bool, not ${typeName(c.type)}`);
  }

  private requireWritable(e: Expr, i: ExprInfo): void {
    const at = startOf(e);
    if (!i.ref)
      fail(at, 'cannot assign to a value; the left side must be a variable, an element or a member');
    if (i.ref.access === 'read') fail(at, `cannot write to read-only ${i.ref.space} memory`);
  }

  private varDecl(s: VarDecl): void {
    if (this.scopes[this.scopes.length - 1]!.has(s.name)) fail(s.pos, `redeclaration of '${s.name}'`);
    let type: Type | undefined = s.type ? this.scope.resolveType(s.type) : undefined;
    let value: Typed | undefined;
    if (s.init) {
      const i = this.expr(s.init);
      if (i.type.k === 'void') fail(s.init.pos, 'initializer has no value');
      if (type && !canConvert(i.type, type)) {
        fail(s.init.pos, `cannot initialize ${typeName(type)} with ${typeName(i.type)}`);
      }
      if (!type) type = s.declKind === 'const' ? i.type : concretizeDefault(i.type);
      value = i.konst;
    }
    if (!type) fail(s.pos, `'${s.name}' needs a type or an initializer`);
    if (s.declKind === 'var') {
      if (s.space && s.space !== 'function')
        fail(s.pos, `function-scope variables must be in the function address space`);
      if (type.k === 'atomic' || (type.k === 'array' && type.count === null)) {
        fail(s.pos, `type ${typeName(type)} cannot be a function variable`);
      }
    }
    if (s.declKind === 'const' && !value && s.init && !this.get(s.init).konst) {
      // A const of vector/array type: emitted as a value; fine as long as it was a constant expression.
    }
    if (this.current && scalarOf(type) === 'f16') this.current.usesF16 = true;
    if (this.current && s.declKind !== 'const') countLocal(this.current, s.name, s.pos, type);
    // WGSL §5: a declaration's scope begins just after its end, so the initializer checked above
    // resolved `a` in `let a = a + 1u;` to the enclosing `a`; the new C++ name is one no other has.
    const cname = this.declareLocal(s.name);
    const sym: Symbol & { kind: 'local' | 'const' } =
      s.declKind === 'const'
        ? { kind: 'const', decl: s, type, cname, module: false, value }
        : { kind: 'local', decl: s, type, mutable: s.declKind === 'var', cname };
    this.scopes[this.scopes.length - 1]!.set(s.name, sym);
    this.localSymbols.set(s, sym);
  }

  // ---- expressions --------------------------------------------------------------------------------------

  expr(e: Expr, asStatement = false): ExprInfo {
    const i = this.exprInner(e, asStatement);
    if (!i.konst && (i.type.k === 'scalar' || e.kind === 'lit')) {
      const k = this.tryConst(e);
      if (k) i.konst = k;
      else if (i.type.k === 'scalar' && i.type.s === 'abstract-int') this.abstractIntError(e);
      else if (i.type.k === 'scalar' && (i.type.s === 'i32' || i.type.s === 'u32')) this.concreteIntError(e);
    }
    this.info.set(e, i);
    return i;
  }

  /**
   * An AbstractInt operation on known operands that has no value left i64 or divided by zero: a
   * const-expression error (WGSL §6.1, §8.7), never a value wrapped to 32 bits at run time.
   */
  private abstractIntError(e: Expr): void {
    const known = (x: Expr) => this.info.get(x)?.konst !== undefined;
    if (e.kind === 'binary' && known(e.left) && known(e.right))
      fail(e.pos, `AbstractInt '${e.op}' overflows 64 bits or divides by zero in a const-expression`);
    if (e.kind === 'unary' && known(e.operand))
      fail(e.pos, `AbstractInt '${e.op}' overflows 64 bits in a const-expression`);
  }

  /**
   * An i32/u32 operation whose operands are const-expressions and that has no value (division by zero,
   * overflow, bits shifted out): a shader-creation error (WGSL §8.7, §8.9). Runtime operands wrap
   * instead, and override-expressions are left to pipeline creation, so both pass.
   */
  private concreteIntError(e: Expr): void {
    const konst = (x: Expr) => this.info.get(x)?.konst;
    if (e.kind !== 'binary' && e.kind !== 'unary') return;
    if (mentionsOverride(e, this.constEnv(), 0)) return;
    if (e.kind === 'binary') {
      const l = konst(e.left);
      const r = konst(e.right);
      const msg = l && r ? constIntBinaryError(e.op, l, r) : undefined;
      if (msg) fail(e.pos, msg);
    } else {
      const o = konst(e.operand);
      const msg = o ? constIntUnaryError(e.op, o) : undefined;
      if (msg) fail(e.pos, msg);
    }
  }

  private tryConst(e: Expr): Typed | undefined {
    return evalConst(e, this.constEnv());
  }

  private constEnv(): ConstEnv {
    return {
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
  }

  private lookupNoTrack(name: string): Symbol | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i]!.get(name);
      if (s) return s;
    }
    const d = this.scope.decls.get(name);
    if (d?.kind === 'var' && d.declKind === 'const') return this.moduleConst(d);
    if (d?.kind === 'var' && d.declKind === 'override') {
      return { kind: 'override', info: this.scope.override(d), cname: this.names.of(name) };
    }
    return undefined;
  }

  private exprInner(e: Expr, asStatement: boolean): ExprInfo {
    switch (e.kind) {
      case 'lit': {
        const k = evalConst(e, { lookup: () => undefined })!;
        if (k.kind === 'f16') this.requireF16Feature(e.pos);
        if (k.kind === 'i32' && (k.value as number) > 0x7fffffff)
          fail(e.pos, `${e.text} does not fit in i32`);
        if (k.kind === 'u32' && (k.value as number) > 0xffffffff)
          fail(e.pos, `${e.text} does not fit in u32`);
        if (k.kind === 'abstract-int' && Number.isNaN(k.value))
          fail(e.pos, `${e.text} does not fit in a 64-bit AbstractInt`);
        return { type: scalar(k.kind), sideEffects: false, konst: k };
      }
      case 'ident': {
        const s = this.lookup(e.name);
        if (!s) {
          if (this.scope.decls.has(e.name) || /^(vec|mat|array|i32|u32|f32|f16|bool)/.test(e.name)) {
            fail(e.pos, `'${e.name}' is not a value`);
          }
          fail(e.pos, `unknown identifier '${e.name}'`);
        }
        switch (s.kind) {
          case 'local':
            return s.mutable
              ? {
                  type: s.type,
                  ref: { space: 'function', access: 'read_write' },
                  sideEffects: false,
                  symbol: s,
                }
              : { type: s.type, sideEffects: false, symbol: s };
          case 'param':
            return { type: s.type, sideEffects: false, symbol: s };
          case 'global': {
            const g = s.g;
            if (scalarOf(g.type) === 'f16') this.requireF16Feature(e.pos);
            return { type: g.type, ref: { space: g.space, access: g.access }, sideEffects: false, symbol: s };
          }
          case 'override':
            if (!s.info.value)
              fail(e.pos, `override '${e.name}' has no value; give one in the workload's overrides`);
            return { type: s.info.type, sideEffects: false, symbol: s, konst: s.info.value };
          case 'const':
            return { type: s.type, sideEffects: false, symbol: s, konst: s.value };
        }
        break;
      }
      case 'unary':
        return this.unary(e);
      case 'binary': {
        const l = this.expr(e.left);
        const r = this.expr(e.right);
        const se = l.sideEffects || r.sideEffects;
        if (e.op === '&&' || e.op === '||') {
          if (!isBool(l.type) || !isBool(r.type)) fail(e.pos, `'${e.op}' needs bool operands`);
          return { type: BOOL, sideEffects: se };
        }
        const { type, opScalar } = this.binaryType(e.pos, e.op, l.type, r.type, e.right);
        return { type, sideEffects: se, opScalar };
      }
      case 'index':
        return this.index(e);
      case 'member':
        return this.member(e);
      case 'call':
        return this.call(e, asStatement);
    }
    throw new Error('unreachable');
  }

  private requireF16Feature(pos: Pos): void {
    if (!this.scope.enables.has('f16')) fail(pos, "f16 requires 'enable f16;'");
    if (this.current) this.current.usesF16 = true;
  }

  private unary(e: Extract<Expr, { kind: 'unary' }>): ExprInfo {
    const o = this.expr(e.operand);
    switch (e.op) {
      case '&': {
        if (!o.ref) fail(e.pos, "'&' needs a variable, element or member");
        if (o.swizzle) fail(e.pos, 'cannot take the address of a vector component');
        if (o.ref.space === 'handle') fail(e.pos, 'cannot take the address of a handle');
        return {
          type: { k: 'ptr', space: o.ref.space, store: o.type, access: o.ref.access },
          sideEffects: o.sideEffects,
        };
      }
      case '*': {
        if (o.type.k !== 'ptr') fail(e.pos, `'*' needs a pointer, not ${typeName(o.type)}`);
        return {
          type: o.type.store,
          ref: { space: o.type.space, access: o.type.access },
          sideEffects: o.sideEffects,
        };
      }
      case '!':
        if (!isBool(o.type)) fail(e.pos, `'!' needs bool, not ${typeName(o.type)}`);
        return { type: o.type, sideEffects: o.sideEffects };
      case '~': {
        const s = scalarOf(o.type);
        if (!s || !isIntKind(s) || o.type.k === 'mat')
          fail(e.pos, `'~' needs an integer, not ${typeName(o.type)}`);
        return { type: o.type, sideEffects: o.sideEffects };
      }
      case '-': {
        const s = scalarOf(o.type);
        if (!s || s === 'bool' || s === 'u32') fail(e.pos, `cannot negate ${typeName(o.type)}`);
        return { type: o.type, sideEffects: o.sideEffects };
      }
    }
  }

  /** Result type of a binary operator (WGSL §8.7–§8.9), with operand conversion of abstract types. */
  binaryType(pos: Pos, op: string, a: Type, b: Type, rightExpr?: Expr): { type: Type; opScalar: ScalarKind } {
    const sa = scalarOf(a);
    const sb = scalarOf(b);
    const bad: () => never = () => fail(pos, `no operator '${op}' for ${typeName(a)} and ${typeName(b)}`);
    if (!sa || !sb) return bad();
    if (op === '<<' || op === '>>') {
      if (!isIntKind(sa) || !isIntKind(sb) || sb === 'i32') bad();
      if (a.k === 'mat' || b.k === 'mat' || (a.k === 'vec') !== (b.k === 'vec')) bad();
      if (rightExpr) {
        const k = this.info.get(rightExpr)?.konst;
        if (k && typeof k.value === 'number' && sa !== 'abstract-int' && k.value >= 32) {
          fail(rightExpr.pos, `shift amount ${k.value} is not less than the bit width 32`);
        }
      }
      // An abstract left operand next to a concrete shift amount becomes i32 (WGSL §8.9 overloads).
      const type = isAbstract(sa) && !isAbstract(sb) ? withScalar(a, 'i32') : a;
      return { type, opScalar: scalarOf(type)! };
    }
    const s = unifyScalar(sa, sb);
    if (!s) bad();
    const comparison = ['==', '!=', '<', '<=', '>', '>='].includes(op);
    if (comparison) {
      if (a.k === 'mat' || b.k === 'mat' || a.k !== b.k) bad();
      if (a.k === 'vec' && b.k === 'vec' && a.n !== b.n) bad();
      if (s === 'bool' && op !== '==' && op !== '!=') bad();
      return { type: a.k === 'vec' ? vec(a.n, 'bool') : BOOL, opScalar: s };
    }
    if (op === '&' || op === '|' || op === '^') {
      if (!(isIntKind(s) || (s === 'bool' && op !== '^'))) bad();
      if (a.k === 'mat' || b.k === 'mat' || a.k !== b.k) bad();
      return { type: withScalar(a, s), opScalar: s };
    }
    if (!['+', '-', '*', '/', '%'].includes(op) || s === 'bool') bad();
    // Matrix arithmetic (WGSL §8.7.3).
    if (a.k === 'mat' || b.k === 'mat') {
      if (op === '*' && a.k === 'mat' && b.k === 'vec' && b.n === a.c)
        return { type: vec(a.r, s), opScalar: s };
      if (op === '*' && a.k === 'vec' && b.k === 'mat' && a.n === b.r)
        return { type: vec(b.c, s), opScalar: s };
      if (op === '*' && a.k === 'mat' && b.k === 'mat' && a.c === b.r)
        return { type: { k: 'mat', c: b.c, r: a.r, e: s }, opScalar: s };
      if (op === '*' && a.k === 'mat' && b.k === 'scalar') return { type: withScalar(a, s), opScalar: s };
      if (op === '*' && a.k === 'scalar' && b.k === 'mat') return { type: withScalar(b, s), opScalar: s };
      if ((op === '+' || op === '-') && a.k === 'mat' && b.k === 'mat' && a.c === b.c && a.r === b.r) {
        return { type: withScalar(a, s), opScalar: s };
      }
      return bad();
    }
    if (a.k === 'vec' && b.k === 'vec' && a.n !== b.n) bad();
    const shape = a.k === 'vec' ? a : b;
    return { type: withScalar(shape, s), opScalar: s };
  }

  private index(e: Extract<Expr, { kind: 'index' }>): ExprInfo {
    const b = this.expr(e.base);
    const idx = this.expr(e.index);
    if (idx.type.k !== 'scalar' || !isIntKind(idx.type.s)) fail(e.index.pos, 'index must be i32 or u32');
    let base = b.type;
    let ref = b.ref;
    let viaPointer = false;
    if (base.k === 'ptr') {
      ref = { space: base.space, access: base.access };
      base = base.store;
      viaPointer = true;
    }
    let elem: Type;
    if (base.k === 'array') elem = base.e;
    else if (base.k === 'vec') elem = scalar(base.e);
    else if (base.k === 'mat') elem = vec(base.r, base.e);
    else return fail(e.pos, `cannot index ${typeName(base)}`);
    const k = idx.konst;
    if (k && typeof k.value === 'number') {
      const n =
        base.k === 'array' ? base.count : base.k === 'vec' ? base.n : base.k === 'mat' ? base.c : null;
      if (k.value < 0 || (n !== null && k.value >= n)) fail(e.index.pos, `index ${k.value} is out of bounds`);
    }
    if (!ref && base.k === 'array' && !k) {
      // Dynamic indexing of an array value is fine in C++ (the value is a temporary struct).
    }
    return {
      type: elem,
      ref,
      sideEffects: b.sideEffects || idx.sideEffects,
      viaPointer,
    };
  }

  private member(e: Extract<Expr, { kind: 'member' }>): ExprInfo {
    const b = this.expr(e.base);
    let base = b.type;
    let ref = b.ref;
    let viaPointer = false;
    if (base.k === 'ptr') {
      ref = { space: base.space, access: base.access };
      base = base.store;
      viaPointer = true;
    }
    if (base.k === 'struct') {
      const m = base.members.find((x) => x.name === e.name);
      if (!m) fail(e.pos, `${base.name} has no member '${e.name}'`);
      return { type: m.type, ref, sideEffects: b.sideEffects, viaPointer };
    }
    if (base.k === 'vec') {
      const set = SWIZZLE_SETS.find((s) => [...e.name].every((c) => s.includes(c)));
      if (!set || e.name.length > 4) fail(e.pos, `invalid vector swizzle '.${e.name}'`);
      const idx = [...e.name].map((c) => set.indexOf(c));
      if (idx.some((i) => i >= base.n))
        fail(e.pos, `swizzle '.${e.name}' is out of range for ${typeName(base)}`);
      if (idx.length === 1)
        return { type: scalar(base.e), ref, sideEffects: b.sideEffects, swizzle: idx, viaPointer };
      // Multi-component swizzles are values (WGSL §8.5.1.1), not references.
      return {
        type: vec(idx.length as 2 | 3 | 4, base.e),
        sideEffects: b.sideEffects,
        swizzle: idx,
        viaPointer,
      };
    }
    return fail(e.pos, `${typeName(base)} has no member '${e.name}'`);
  }

  // ---- calls --------------------------------------------------------------------------------------------

  private call(e: CallExpr, asStatement: boolean): ExprInfo {
    const name = e.callee.name;
    const args = e.args.map((a) => this.expr(a));
    const argSE = args.some((a) => a.sideEffects);
    const userDecl = this.scope.decls.get(name);
    const local = this.lookupLocalOnly(name);
    if (local) fail(e.pos, `'${name}' is a value, not a function`);
    if (userDecl?.kind === 'fn') {
      const fi = this.checkFunction(name, e.pos);
      if (userDecl.attrs.some((a) => a.name === 'compute')) fail(e.pos, 'entry points cannot be called');
      this.current?.calls.add(name);
      if (fi.params.length !== args.length) {
        fail(
          e.pos,
          `'${name}' takes ${fi.params.length} argument${fi.params.length === 1 ? '' : 's'}, got ${args.length}`,
        );
      }
      fi.params.forEach((p, i) => {
        if (!canConvert(args[i]!.type, p.type)) {
          fail(
            e.args[i]!.pos,
            `argument ${i + 1} of '${name}': cannot pass ${typeName(args[i]!.type)} as ${typeName(p.type)}`,
          );
        }
      });
      if (!asStatement && fi.ret.k === 'void') fail(e.pos, `'${name}' returns nothing`);
      return { type: fi.ret, sideEffects: true, call: { kind: 'user', fn: userDecl } };
    }
    if (userDecl?.kind === 'struct' || userDecl?.kind === 'alias' || isTypeName(name)) {
      const ctor = this.construct(e, args);
      return { type: ctor, sideEffects: argSE, call: { kind: 'ctor', type: ctor } };
    }
    return this.builtin(e, args, argSE, asStatement);
  }

  private lookupLocalOnly(name: string): Symbol | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i]!.get(name);
      if (s) return s;
    }
    return undefined;
  }

  /** Value constructors and conversions (WGSL §17.1). */
  private construct(e: CallExpr, args: ExprInfo[]): Type {
    const name = e.callee.name;
    const pos = e.pos;
    const inferred = /^(vec[234]|mat[234]x[234]|array)$/.test(name) && !e.callee.targs;
    if (!inferred) {
      const t = this.scope.resolveType(e.callee);
      this.checkCtorArgs(pos, t, args);
      if (scalarOf(t) === 'f16') this.requireF16Feature(pos);
      return t;
    }
    // `vecN()` is the zero vecN<AbstractInt> (WGSL section 17.1.2, vector constructors), converted
    // where it is used; matrices and arrays have no inferred zero form.
    if (args.length === 0 && name.startsWith('vec')) return vec(Number(name[3]) as 2 | 3 | 4, 'abstract-int');
    if (args.length === 0) fail(pos, `'${name}()' needs a type: write ${name}<T>()`);
    if (name === 'array') {
      let el = args[0]!.type;
      for (const a of args) {
        const u = unifyTypes(el, a.type);
        if (!u) fail(pos, 'array elements must have the same type');
        el = u;
      }
      return { k: 'array', e: el, count: args.length };
    }
    let s: ScalarKind | undefined;
    for (const a of args) {
      const as = scalarOf(a.type);
      if (!as) fail(pos, `cannot build ${name} from ${typeName(a.type)}`);
      s = s ? unifyScalar(s, as) : as;
      if (!s) fail(pos, `${name} components must have one scalar type`);
    }
    let t: Type;
    if (name.startsWith('vec')) t = vec(Number(name[3]) as 2 | 3 | 4, s!);
    else {
      if (!isFloatKind(s!)) s = 'abstract-float';
      t = { k: 'mat', c: Number(name[3]) as 2 | 3 | 4, r: Number(name[5]) as 2 | 3 | 4, e: s! };
    }
    this.checkCtorArgs(pos, t, args);
    return t;
  }

  private checkCtorArgs(pos: Pos, t: Type, args: ExprInfo[]): void {
    const bad: () => never = () =>
      fail(pos, `cannot construct ${typeName(t)} from (${args.map((a) => typeName(a.type)).join(', ')})`);
    if (args.length === 0) {
      if (t.k === 'array' && t.count === null) bad();
      if (t.k === 'atomic' || t.k === 'ptr') bad();
      return;
    }
    switch (t.k) {
      case 'scalar': {
        // Conversion (WGSL §17.1.2): any scalar to any scalar.
        if (args.length !== 1 || args[0]!.type.k !== 'scalar') bad();
        return;
      }
      case 'vec': {
        if (args.length === 1 && args[0]!.type.k === 'vec' && (args[0]!.type as { n: number }).n === t.n)
          return; // conversion
        if (args.length === 1 && args[0]!.type.k === 'scalar') {
          if (!canConvertScalarLoose(args[0]!.type.s, t.e)) bad();
          return; // splat
        }
        let n = 0;
        for (const a of args) {
          const as = scalarOf(a.type);
          if (!as || a.type.k === 'mat' || !canConvertScalarLoose(as, t.e) || (as !== t.e && !isAbstract(as)))
            bad();
          n += a.type.k === 'vec' ? a.type.n : 1;
        }
        if (n !== t.n) bad();
        return;
      }
      case 'mat': {
        if (args.length === 1 && args[0]!.type.k === 'mat') return;
        const colsOk =
          args.length === t.c &&
          args.every((a) => a.type.k === 'vec' && a.type.n === t.r && canConvert(a.type, vec(t.r, t.e)));
        const scalarsOk =
          args.length === t.c * t.r &&
          args.every((a) => a.type.k === 'scalar' && canConvert(a.type, scalar(t.e)));
        if (!colsOk && !scalarsOk) bad();
        return;
      }
      case 'array': {
        if (t.count === null || args.length !== t.count) bad();
        for (const a of args) if (!canConvert(a.type, t.e)) bad();
        return;
      }
      case 'struct': {
        if (args.length !== t.members.length) bad();
        t.members.forEach((m, i) => {
          if (!canConvert(args[i]!.type, m.type)) bad();
        });
        return;
      }
      default:
        bad();
    }
  }

  private builtin(e: CallExpr, args: ExprInfo[], argSE: boolean, asStatement: boolean): ExprInfo {
    const name = e.callee.name;
    const pos = e.pos;
    const ts = args.map((a) => a.type);
    const n = args.length;
    const arity = (k: number): void => {
      if (n !== k) fail(pos, `'${name}' takes ${k} argument${k === 1 ? '' : 's'}, got ${n}`);
    };
    const bad: () => never = () => fail(pos, `no overload of '${name}' for (${ts.map(typeName).join(', ')})`);
    const ret = (type: Type, sideEffects = argSE, targ?: Type): ExprInfo => {
      if (!asStatement && type.k === 'void') fail(pos, `'${name}' returns nothing`);
      return { type, sideEffects, call: { kind: 'builtin', name, targ } };
    };
    const numeric = (t: Type | undefined): ScalarKind => {
      const s = t && scalarOf(t);
      if (!s || s === 'bool' || t!.k === 'mat') bad();
      return s!;
    };
    const floaty = (t: Type): Type => {
      const s = numeric(t);
      if (s === 'abstract-int') return withScalar(t, 'abstract-float');
      if (!isFloatKind(s)) bad();
      return t;
    };
    const same = (): Type => {
      let t = ts[0]!;
      for (const x of ts.slice(1)) {
        const u = unifyTypes(t, x);
        if (!u) bad();
        t = u!;
      }
      return t;
    };
    if (name.startsWith('subgroup') || name.startsWith('quad')) return this.subgroupBuiltin(e, ts, argSE);
    if (/^(texture|textureSample|textureLoad|textureStore|dpdx|dpdy|fwidth)/.test(name)) {
      unsupported(pos, `'${name}' (textures and derivatives)`);
    }
    switch (name) {
      case 'abs':
      case 'sign': {
        arity(1);
        const s = numeric(ts[0]);
        if (name === 'sign' && s === 'u32') bad();
        return ret(ts[0]!);
      }
      case 'acos':
      case 'acosh':
      case 'asin':
      case 'asinh':
      case 'atan':
      case 'atanh':
      case 'ceil':
      case 'cos':
      case 'cosh':
      case 'degrees':
      case 'exp':
      case 'exp2':
      case 'floor':
      case 'fract':
      case 'inverseSqrt':
      case 'log':
      case 'log2':
      case 'radians':
      case 'round':
      case 'saturate':
      case 'sin':
      case 'sinh':
      case 'sqrt':
      case 'tan':
      case 'tanh':
      case 'trunc':
      case 'quantizeToF16':
        arity(1);
        return ret(floaty(ts[0]!));
      case 'atan2':
      case 'pow':
      case 'step':
        arity(2);
        return ret(floaty(same()));
      case 'min':
      case 'max': {
        arity(2);
        const t = same();
        numeric(t);
        return ret(t);
      }
      case 'clamp': {
        arity(3);
        const t = same();
        numeric(t);
        return ret(t);
      }
      case 'fma':
      case 'smoothstep':
        arity(3);
        return ret(floaty(same()));
      case 'mix': {
        arity(3);
        if (ts[0]!.k === 'vec' && ts[2]!.k === 'scalar') {
          const t = unifyTypes(ts[0]!, ts[1]!);
          if (!t) bad();
          return ret(floaty(t!));
        }
        return ret(floaty(same()));
      }
      case 'ldexp': {
        arity(2);
        return ret(floaty(ts[0]!));
      }
      case 'select': {
        arity(3);
        const t = unifyTypes(ts[0]!, ts[1]!);
        const c = ts[2]!;
        if (!t || !isBool(c)) bad();
        if (c.k === 'vec' && (t!.k !== 'vec' || t!.n !== c.n)) bad();
        return ret(t!);
      }
      case 'all':
      case 'any':
        arity(1);
        if (!isBool(ts[0]!)) bad();
        return ret(BOOL);
      case 'dot': {
        arity(2);
        const t = same();
        if (t.k !== 'vec' || t.e === 'bool') bad();

        return ret(scalar((t as { e: ScalarKind }).e));
      }
      case 'cross': {
        arity(2);
        const t = floaty(same());
        if (t.k !== 'vec' || t.n !== 3) bad();
        return ret(t);
      }
      case 'length':
      case 'distance': {
        arity(name === 'length' ? 1 : 2);
        const t = floaty(same());
        return ret(scalar(scalarOf(t)!));
      }
      case 'normalize':
        arity(1);
        if (ts[0]!.k !== 'vec') bad();
        return ret(floaty(ts[0]!));
      case 'faceForward':
      case 'reflect': {
        arity(name === 'reflect' ? 2 : 3);
        const t = floaty(same());
        if (t.k !== 'vec') bad();
        return ret(t);
      }
      case 'refract': {
        arity(3);
        const t = unifyTypes(ts[0]!, ts[1]!);
        if (t?.k !== 'vec') bad();
        return ret(floaty(t!));
      }
      case 'determinant':
        arity(1);
        if (ts[0]!.k !== 'mat' || ts[0]!.c !== ts[0]!.r) bad();
        if (scalarOf(ts[0]!) === 'f16') unsupported(pos, "'determinant' on f16");
        return ret(scalar(scalarOf(ts[0]!)!));
      case 'transpose': {
        arity(1);
        const m = ts[0]!;
        if (m.k !== 'mat') bad();
        const mm = m as Extract<Type, { k: 'mat' }>;
        return ret({ k: 'mat', c: mm.r, r: mm.c, e: mm.e });
      }
      case 'countOneBits':
      case 'countLeadingZeros':
      case 'countTrailingZeros':
      case 'reverseBits':
      case 'firstLeadingBit':
      case 'firstTrailingBit': {
        arity(1);
        const s = numeric(ts[0]);
        if (!isIntKind(s)) bad();
        return ret(s === 'abstract-int' ? withScalar(ts[0]!, 'i32') : ts[0]!);
      }
      case 'extractBits': {
        arity(3);
        const s = numeric(ts[0]);
        if (!isIntKind(s) || !isU32Like(ts[1]!) || !isU32Like(ts[2]!)) bad();
        return ret(s === 'abstract-int' ? withScalar(ts[0]!, 'i32') : ts[0]!);
      }
      case 'insertBits': {
        arity(4);
        const u = unifyTypes(ts[0]!, ts[1]!);
        if (!u || !isIntKind(numeric(u)) || !isU32Like(ts[2]!) || !isU32Like(ts[3]!)) bad();
        return ret(concretizeDefault(u!));
      }
      case 'pack4x8snorm':
      case 'pack4x8unorm':
        arity(1);
        if (!canConvert(ts[0]!, vec(4, 'f32'))) bad();
        return ret(U32);
      case 'pack2x16snorm':
      case 'pack2x16unorm':
      case 'pack2x16float':
        arity(1);
        if (!canConvert(ts[0]!, vec(2, 'f32'))) bad();
        return ret(U32);
      case 'pack4xI8':
      case 'pack4xI8Clamp':
        arity(1);
        if (!canConvert(ts[0]!, vec(4, 'i32'))) bad();
        return ret(U32);
      case 'pack4xU8':
      case 'pack4xU8Clamp':
        arity(1);
        if (!canConvert(ts[0]!, vec(4, 'u32'))) bad();
        return ret(U32);
      case 'unpack4x8snorm':
      case 'unpack4x8unorm':
        arity(1);
        if (!isU32Like(ts[0]!)) bad();
        return ret(vec(4, 'f32'));
      case 'unpack2x16snorm':
      case 'unpack2x16unorm':
      case 'unpack2x16float':
        arity(1);
        if (!isU32Like(ts[0]!)) bad();
        return ret(vec(2, 'f32'));
      case 'unpack4xI8':
        arity(1);
        if (!isU32Like(ts[0]!)) bad();
        return ret(vec(4, 'i32'));
      case 'unpack4xU8':
        arity(1);
        if (!isU32Like(ts[0]!)) bad();
        return ret(vec(4, 'u32'));
      case 'dot4U8Packed':
      case 'dot4I8Packed':
        arity(2);
        if (!isU32Like(ts[0]!) || !isU32Like(ts[1]!)) bad();
        return ret(name === 'dot4U8Packed' ? U32 : I32);
      case 'modf':
      case 'frexp': {
        arity(1);
        const t0 = ts[0]!;
        const shape: Type = t0.k === 'vec' ? vec(t0.n, 'f32') : F32;
        if (!canConvert(t0, shape))
          unsupported(pos, `'${name}' on ${typeName(t0)} (only f32 and vectors of f32)`);
        const n = shape.k === 'vec' ? `vec${shape.n}_` : '';
        const members =
          name === 'modf'
            ? [
                { name: 'fract', type: shape },
                { name: 'whole', type: shape },
              ]
            : [
                { name: 'fract', type: shape },
                { name: 'exp', type: shape.k === 'vec' ? vec(shape.n, 'i32') : I32 },
              ];
        const t: StructType = { k: 'struct', name: `__${name}_result_${n}f32`, members };
        return ret(t);
      }
      case 'bitcast': {
        arity(1);
        const targs = e.callee.targs;
        if (targs?.length !== 1) fail(pos, 'bitcast needs a target type: bitcast<T>(e)');
        const to = this.scope.resolveType(targs[0]!);
        const from = concretizeDefault(ts[0]!);
        const size = (t: Type): number =>
          t.k === 'scalar' ? (t.s === 'f16' ? 2 : 4) : t.k === 'vec' ? t.n * (t.e === 'f16' ? 2 : 4) : -1;
        if (size(to) <= 0 || size(to) !== size(from) || scalarOf(to) === 'bool' || scalarOf(from) === 'bool')
          bad();
        return ret(to, argSE, to);
      }
      case 'arrayLength': {
        arity(1);
        const p = ts[0]!;
        if (p.k !== 'ptr' || p.store.k !== 'array' || p.store.count !== null) bad();
        return ret(U32);
      }
      case 'workgroupBarrier':
      case 'storageBarrier':
      case 'textureBarrier':
        arity(0);
        if (this.current) this.current.usesBarrier = true;
        return ret(VOID, true);
      case 'workgroupUniformLoad': {
        arity(1);
        const p = ts[0]!;
        if (p.k !== 'ptr' || p.space !== 'workgroup') bad();
        if (this.current) this.current.usesBarrier = true;
        const store = (p as { store: Type }).store;
        // The atomic overload loads atomically and returns T (WGSL section 17.12.2).
        return ret(store.k === 'atomic' ? scalar(store.e) : store, true);
      }
      case 'atomicLoad':
      case 'atomicStore':
      case 'atomicAdd':
      case 'atomicSub':
      case 'atomicMax':
      case 'atomicMin':
      case 'atomicAnd':
      case 'atomicOr':
      case 'atomicXor':
      case 'atomicExchange':
      case 'atomicCompareExchangeWeak': {
        const p = ts[0];
        if (p?.k !== 'ptr' || p.store.k !== 'atomic') {
          fail(pos, `'${name}' needs a pointer to an atomic as its first argument`);
        }
        const el = scalar(p.store.e);
        const want = name === 'atomicLoad' ? 1 : name === 'atomicCompareExchangeWeak' ? 3 : 2;
        arity(want);
        for (const t of ts.slice(1)) if (!canConvert(t, el)) bad();
        if (p.access === 'read') fail(pos, `'${name}' needs read_write access`);
        if (name === 'atomicStore') return ret(VOID, true);
        if (name === 'atomicCompareExchangeWeak') {
          const t: StructType = {
            k: 'struct',
            name: `__atomic_compare_exchange_result_${el.s}`,
            members: [
              { name: 'old_value', type: el },
              { name: 'exchanged', type: BOOL },
            ],
          };
          return ret(t, true);
        }
        return ret(el, true);
      }
      default:
        break;
    }
    return fail(pos, `unknown function '${name}'`);
  }
}

/** Where an expression starts in the source (postfix nodes sit at their `[` or `.`). */
function startOf(e: Expr): Pos {
  let x = e;
  while (x.kind === 'index' || x.kind === 'member') x = x.base;
  return x.pos.offset < e.pos.offset ? x.pos : e.pos;
}

function isBool(t: Type): boolean {
  return scalarOf(t) === 'bool' && t.k !== 'mat';
}

function isU32Like(t: Type): boolean {
  return t.k === 'scalar' && (t.s === 'u32' || t.s === 'abstract-int');
}

function isTypeName(name: string): boolean {
  return /^(bool|i32|u32|f32|f16|vec[234][fiuh]?|mat[234]x[234][fh]?|array|atomic|ptr)$/.test(name);
}

/** Abstract scalars convert to anything at least as "concrete" (a permissive check for constructors). */
function canConvertScalarLoose(from: ScalarKind, to: ScalarKind): boolean {
  if (from === to) return true;
  if (from === 'abstract-int') return to !== 'bool';
  if (from === 'abstract-float') return isFloatKind(to);
  return false;
}

export function unifyScalar(a: ScalarKind, b: ScalarKind): ScalarKind | undefined {
  if (a === b) return a;
  if (a === 'abstract-int' && b !== 'bool') return b;
  if (b === 'abstract-int' && a !== 'bool') return a;
  if (a === 'abstract-float' && isFloatKind(b)) return b;
  if (b === 'abstract-float' && isFloatKind(a)) return a;
  return undefined;
}

export function unifyTypes(a: Type, b: Type): Type | undefined {
  if (sameType(a, b)) return a;
  if (a.k === 'scalar' && b.k === 'scalar') {
    const s = unifyScalar(a.s, b.s);
    return s ? scalar(s) : undefined;
  }
  if (a.k === 'vec' && b.k === 'vec' && a.n === b.n) {
    const s = unifyScalar(a.e, b.e);
    return s ? vec(a.n, s) : undefined;
  }
  if (a.k === 'mat' && b.k === 'mat' && a.c === b.c && a.r === b.r) {
    const s = unifyScalar(a.e, b.e);
    return s ? { ...a, e: s } : undefined;
  }
  if (a.k === 'array' && b.k === 'array' && a.count === b.count) {
    const e = unifyTypes(a.e, b.e);
    return e ? { k: 'array', e, count: a.count } : undefined;
  }
  return undefined;
}
