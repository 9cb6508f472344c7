/**
 * Emits one WGSL function as C++. Implements, in one walk over the checked tree, the work of these Tint
 * passes: ordered temporaries for left-to-right evaluation (Tint's "promote side effects to
 * decl"), robustness clamps on every dynamic index (robustness.cc), integer/shift/conversion polyfills
 * through prelude helpers (builtin_polyfill.cc, signed_integer_polyfill.cc), zero-initialised variables,
 * `workgroupUniformLoad` as barrier–load–barrier, and loop guards with abort polling
 * (prevent_infinite_loops.cc). `continue` becomes a jump to the loop's continuing part when the loop has
 * one, which also keeps `continue` inside `switch` correct (remove_continue_in_switch.cc).
 */
import { CompileError, fail, unsupported } from '../diagnostics';
import type { Block, CallExpr, Expr, Stmt, VarDecl } from '../front/ast';
import type { ExprInfo, FnInfo, WgslSymbol } from '../front/check/annotations';
import type { Checker } from '../front/check/checker';
import { binaryType } from '../front/check/operators';
import {
  concretizeDefault,
  isAbstract,
  isFloatKind,
  type ScalarKind,
  sameType,
  scalar,
  scalarOf,
  type Type,
  typeName,
  U32,
  vec,
  withScalar,
} from '../front/types';
import { boundedLoopTrips } from '../loop-trips';
import type { ModuleNames } from '../namer';
import { cppScalar, cppType as cppTypeIn, scalarLiteral } from './types';

type Mode = 'value' | 'ref';

interface LoopFrame {
  /** Label that `continue` jumps to, when the loop has a continuing part. */
  continueLabel?: string;
  labelUsed?: boolean;
}

const SWIZZLE = 'xyzw';

export class FunctionEmitter {
  private out: string[] = [];
  private indent = 1;
  private loops: LoopFrame[] = [];
  private lastLine = 0;

  /**
   * @param decided `if` statements whose condition the CPU loop entry has proved for a whole workgroup
   * when ctx.duet_full is set (compiler/emit/cpu-windows.ts): the value it then has.
   */
  constructor(
    private readonly checker: Checker,
    private readonly fi: FnInfo | undefined,
    private readonly decided: ReadonlyMap<Stmt, boolean> = new Map(),
  ) {}

  // ---- output helpers -----------------------------------------------------------------------------------

  private line(text: string): void {
    this.out.push(`${'  '.repeat(this.indent)}${text}`);
  }

  /** Temporaries come from the module's registry: no user name or other temporary can meet them. */
  private temp(): string {
    return this.names.temp();
  }

  private get names(): ModuleNames {
    return this.checker.names;
  }

  private cppType(t: Type): string {
    return cppTypeIn(t, this.names);
  }

  private info(e: Expr): ExprInfo {
    return this.checker.get(e);
  }

  /** The concrete type an expression is emitted as. */
  private concrete(e: Expr, want?: Type): Type {
    const t = this.info(e).type;
    if (want && (t.k === 'scalar' || t.k === 'vec' || t.k === 'mat' || t.k === 'array')) {
      const s = scalarOf(t);
      if ((s && isAbstract(s)) || (t.k === 'array' && !sameType(concretizeDefault(t), want))) return want;
    }
    return concretizeDefault(t);
  }

  // ---- functions ----------------------------------------------------------------------------------------

  emitFunction(): string {
    const fi = this.fi!;
    const params = ['DuetCtx& ctx', ...fi.params.map((p) => `${this.cppType(p.type)} ${p.cname}`)];
    const header = `DUET_FN ${this.cppType(fi.ret)} ${this.names.of(fi.decl.name)}(${params.join(', ')})`;
    this.out = [];
    this.indent = 1;
    this.block(fi.decl.body, false);
    const last = fi.decl.body.stmts[fi.decl.body.stmts.length - 1];
    if (fi.ret.k !== 'void' && last?.kind !== 'return') {
      // Unreachable in valid WGSL (every path returns); keeps C++ compilers quiet.
      this.line(`return ${this.cppType(fi.ret)}{};`);
    }
    return `// wgsl:${fi.decl.pos.line} fn ${fi.decl.name}\n${header} {\n${this.out.join('\n')}\n}`;
  }

  prototype(): string {
    const fi = this.fi!;
    const params = ['DuetCtx& ctx', ...fi.params.map((p) => `${this.cppType(p.type)} ${p.cname}`)];
    return `DUET_FN ${this.cppType(fi.ret)} ${this.names.of(fi.decl.name)}(${params.join(', ')});`;
  }

  /** Statements assigning module-scope private initializers: `ctx.x = init;`. */
  emitAssignments(items: { target: string; init: Expr; type: Type }[]): string[] {
    this.out = [];
    this.indent = 1;
    for (const it of items) {
      const v = this.expr(it.init, it.type);
      this.line(`${it.target} = ${v};`);
    }
    return this.out;
  }

  /** A module-scope constant expression as C++ (no statements may be needed). */
  emitConstExpr(e: Expr, type: Type): string {
    this.out = [];
    const v = this.expr(e, type);
    if (this.out.length > 0) unsupported(e.pos, 'this constant expression');
    return v;
  }

  // ---- statements ---------------------------------------------------------------------------------------

  private block(b: Block, braces = true): void {
    if (braces) {
      this.line('{');
      this.indent++;
    }
    for (const s of b.stmts) this.stmt(s);
    if (braces) {
      this.indent--;
      this.line('}');
    }
  }

  private mark(s: Stmt): void {
    if (s.pos.line !== this.lastLine && s.kind !== 'block') {
      this.line(`// wgsl:${s.pos.line}`);
      this.lastLine = s.pos.line;
    }
  }

  private stmt(s: Stmt): void {
    this.mark(s);
    switch (s.kind) {
      case 'block':
        this.block(s);
        return;
      case 'var':
        this.varDecl(s);
        return;
      case 'assign':
        this.assign(s.op, s.lhs, s.rhs);
        return;
      case 'incdec': {
        const l = this.info(s.lhs);
        const ref = this.lvalue(s.lhs);
        const one = l.type.k === 'scalar' && l.type.s === 'u32' ? '1u' : '1';
        if (l.type.k === 'scalar' && l.type.s === 'i32') {
          this.line(`${ref} = ${s.op === '++' ? 'duet_add' : 'duet_sub'}(${ref}, ${one});`);
        } else {
          this.line(`${ref} ${s.op === '++' ? '+=' : '-='} ${one};`);
        }
        return;
      }
      case 'call': {
        const v = this.expr(s.call, undefined, 'value', true);
        if (v) this.line(`${v};`);
        return;
      }
      case 'if':
        this.ifStmt(s);
        return;
      case 'switch':
        this.switchStmt(s);
        return;
      case 'for': {
        this.line('{');
        this.indent++;
        if (s.init) this.stmt(s.init);
        this.loop(
          s.cond,
          s.body,
          s.update ? { body: { kind: 'block', pos: s.pos, stmts: [s.update] } } : undefined,
          s.pos.line,
          boundedLoopTrips(s, this.checker),
        );
        this.indent--;
        this.line('}');
        return;
      }
      case 'while':
        this.loop(s.cond, s.body, undefined, s.pos.line);
        return;
      case 'loop':
        this.loop(undefined, s.body, s.continuing, s.pos.line);
        return;
      case 'break':
        this.line('break;');
        return;
      case 'continue': {
        const frame = this.loops[this.loops.length - 1];
        if (frame?.continueLabel) frame.labelUsed = true;
        this.line(frame?.continueLabel ? `goto ${frame.continueLabel};` : 'continue;');
        return;
      }
      case 'return': {
        if (!s.value) {
          this.line('return;');
          return;
        }
        const v = this.expr(s.value, this.fi!.ret);
        this.line(`return ${v};`);
        return;
      }
      case 'discard':
        fail(s.pos, "'discard' is only allowed in fragment shaders");
        return;
      case 'const_assert':
        return;
    }
  }

  private varDecl(s: VarDecl, splitInit = false): void {
    const sym = this.findSymbol(s);
    if (sym.kind === 'const') {
      const v = sym.value;
      if (v && typeof v.value !== 'object') return; // scalar constants are inlined as literals
    }
    const type = sym.type;
    const name = sym.cname;
    const ct = this.cppType(type);
    if (type.k === 'ptr') {
      const v = this.expr(s.init!, type);
      // Its runtime-sized member is reached through the binding's view (see `member`), which can leave
      // the pointer itself unused: nvcc would warn.
      const store = type.store;
      const viewOnly =
        store.k === 'struct' && store.members.some((m) => m.type.k === 'array' && m.type.count === null);
      this.line(`${viewOnly ? '[[maybe_unused]] ' : ''}${ct} ${name} = ${v};`);
      return;
    }
    const init = s.init ? this.expr(s.init, type) : `${ct}{}`;
    if (splitInit) {
      this.line(`${name} = ${init};`);
      return;
    }
    const qual = sym.kind === 'local' && sym.mutable ? '' : 'const ';
    this.line(`${qual}${ct} ${name} = ${init};`);
  }

  private findSymbol(s: VarDecl) {
    const sym = this.checker.localSymbols.get(s);
    if (!sym) throw new CompileError(s.pos, `internal: no symbol for '${s.name}'`);
    return sym;
  }

  private assign(op: string, lhs: Expr | null, rhs: Expr): void {
    if (lhs === null) {
      // `_ = c` of a const-expression does nothing; an AbstractInt one need not fit in i32 (Tint's
      // bug/tint/1713.wgsl: `const b = (1 << 30) << 10; _ = b;`), so it is not emitted at all.
      if (this.info(rhs).konst !== undefined && !this.info(rhs).sideEffects) return;
      const v = this.expr(rhs);
      this.line(`(void)(${v});`);
      return;
    }
    const li = this.info(lhs);
    const ri = this.info(rhs);
    let target = this.lvalue(lhs);
    if (ri.sideEffects && !isSimple(target)) {
      const t = this.temp();
      this.line(`${this.cppType(li.type)}& ${t} = ${target};`);
      target = t;
    }
    if (op === '=') {
      const v = this.expr(rhs, li.type);
      this.line(`${target} = ${v};`);
      return;
    }
    const bin = op.slice(0, -1);
    if (!isSimple(target)) {
      const t = this.temp();
      this.line(`${this.cppType(li.type)}& ${t} = ${target};`);
      target = t;
    }
    const { type: resultType, opScalar } = binaryType(lhs.pos, bin, li.type, ri.type);
    const rightWant =
      bin === '<<' || bin === '>>'
        ? withScalar(ri.type, 'u32')
        : withScalar(ri.type, concreteScalar(opScalar));
    // `e1 op= e2` reads e1 before evaluating e2 (WGSL §9.2.3: `*r = *r op (e2)`, left to right), so a
    // call in e2 that writes e1 through a pointer must not be seen: read it first.
    let current = target;
    if (ri.sideEffects) {
      current = this.temp();
      this.line(`${this.cppType(li.type)} ${current} = ${target};`);
    }
    const r = this.expr(rhs, rightWant);
    this.line(
      `${target} = ${this.binaryText(bin, current, r, li.type, concretizeDefault(rightWant), resultType, opScalar)};`,
    );
  }

  private ifStmt(s: Extract<Stmt, { kind: 'if' }>): void {
    const c = this.expr(s.cond, scalar('bool'));
    const known = this.decided.get(s);
    // With ctx.duet_full the value is known, and g++ drops the test (the branch stays for other workgroups).
    const test =
      known === undefined
        ? stripParens(c)
        : known
          ? `ctx.duet_full || (${stripParens(c)})`
          : `!ctx.duet_full && (${stripParens(c)})`;
    this.line(`if (${test}) {`);
    this.indent++;
    this.block(s.then, false);
    this.indent--;
    if (!s.else) {
      this.line('}');
      return;
    }
    this.line('} else {');
    this.indent++;
    if (s.else.kind === 'if') this.stmt(s.else);
    else this.block(s.else, false);
    this.indent--;
    this.line('}');
  }

  private switchStmt(s: Extract<Stmt, { kind: 'switch' }>): void {
    const selType = concretizeDefault(this.info(s.selector).type);
    const sel = this.expr(s.selector, selType);
    this.line(`switch (${stripParens(sel)}) {`);
    for (const c of s.clauses) {
      for (const e of c.selectors) {
        if (e === null) this.line('default:');
        else this.line(`case ${scalarLiteral(this.info(e).konst!, scalarOf(selType)!)}:`);
      }
      this.line('{');
      this.indent++;
      this.block(c.body, false);
      this.indent--;
      this.line('}');
      this.line('break;');
    }
    this.line('}');
  }

  /**
   * Every loop: `for (iteration counter;;)` with the guard/abort check first, then the condition, then
   * the body, then (behind a label that `continue` jumps to) the continuing part and `break if`.
   * `trips`: the loop provably ends within this many iterations of straight-line work
   * (compiler/loop-trips.ts); the runtime may then skip the poll (DUET_BOUNDED_LOOP_STOP).
   */
  private loop(
    cond: Expr | undefined,
    body: Block,
    continuing: { body: Block; breakIf?: Expr } | undefined,
    wgslLine: number,
    trips: number | null = null,
  ): void {
    const it = this.names.temp('duet_it');
    const hasContinuing =
      continuing !== undefined && (continuing.body.stmts.length > 0 || continuing.breakIf);
    const label = hasContinuing ? this.names.temp('duet_continue_') : undefined;
    this.line(`for (unsigned long long ${it} = 0;; ++${it}) {  // wgsl:${wgslLine} loop`);
    this.indent++;
    this.line(
      trips === null
        ? `if (duet_loop_stop(ctx.control, &ctx.stopped, ${it})) break;`
        : `if (DUET_BOUNDED_LOOP_STOP(ctx.control, &ctx.stopped, ${it}, ${trips}u)) break;`,
    );
    if (cond) {
      const c = this.expr(cond, scalar('bool'));
      this.line(`if (!(${stripParens(c)})) break;`);
    }
    const frame: LoopFrame = { continueLabel: label };
    this.loops.push(frame);
    if (label) {
      // Declarations of the body stay visible in the continuing block (WGSL §9.4.5), and `goto` must not
      // jump over initializations: declare them first, assign them in place.
      for (const s of body.stmts) {
        if (s.kind === 'var') {
          const sym = this.checker.localSymbols.get(s);
          if (!sym || (sym.kind === 'const' && sym.value && typeof sym.value.value !== 'object')) continue;
          this.line(`${this.cppType(sym.type)} ${sym.cname} = {};`);
        }
      }
      this.line('{');
      this.indent++;
      for (const s of body.stmts) {
        if (s.kind === 'var') {
          this.mark(s);
          this.varDecl(s, true);
        } else {
          this.stmt(s);
        }
      }
      this.indent--;
      this.line('}');
    } else {
      this.block(body, false);
    }
    this.loops.pop();
    if (label && continuing) {
      if (frame.labelUsed) this.line(`${label}:;`);
      this.block(continuing.body, false);
      if (continuing.breakIf) {
        const c = this.expr(continuing.breakIf, scalar('bool'));
        this.line(`if (${stripParens(c)}) break;`);
      }
    }
    this.indent--;
    this.line('}');
  }

  // ---- expressions --------------------------------------------------------------------------------------

  /** An lvalue for a reference expression. */
  private lvalue(e: Expr): string {
    return this.expr(e, undefined, 'ref');
  }

  /**
   * Emit `e` as C++ text. Statements needed first (ordered temporaries) are appended to the output.
   * `want` is the concrete type the context needs (abstract values are converted to it).
   */
  expr(e: Expr, want?: Type, mode: Mode = 'value', asStatement = false): string {
    const i = this.info(e);
    const type = this.concrete(e, want);
    // Constants: literals of the wanted type.
    if (mode === 'value' && i.konst && typeof i.konst.value !== 'object' && type.k === 'scalar') {
      // An AbstractInt concretized to i32/u32 must fit (WGSL §15.7.1): 4294967296 / 2 as an i32 is
      // an error, never a value wrapped to 32 bits.
      const v = i.konst.value;
      if (i.konst.kind === 'abstract-int' && (typeof v === 'number' || typeof v === 'bigint')) {
        const [lo, hi] =
          type.s === 'i32' ? [-0x80000000, 0x7fffffff] : type.s === 'u32' ? [0, 0xffffffff] : [];
        if (lo !== undefined && hi !== undefined && (v < lo || v > hi))
          fail(e.pos, `${v} does not fit in ${type.s}`);
      }
      return scalarLiteral(i.konst, type.s);
    }
    switch (e.kind) {
      case 'lit':
        return scalarLiteral(i.konst!, scalarOf(type)!);
      case 'ident':
        return this.ident(e, i, type);
      case 'unary':
        return this.unary(e, i, type, mode);
      case 'binary':
        return this.binary(e, i, type);
      case 'index':
        return this.index(e, i, mode);
      case 'member':
        return this.member(e, i, mode);
      case 'call':
        return this.call(e, i, type, asStatement);
    }
  }

  /**
   * Evaluate children left to right. Children before (and including) the last one with side effects are
   * stored in temporaries, so C++'s unspecified evaluation order cannot reorder them.
   */
  private children(items: { e: Expr; want?: Type; mode?: Mode }[]): string[] {
    let last = -1;
    items.forEach((it, k) => {
      if (this.info(it.e).sideEffects) last = k;
    });
    return items.map((it, k) => {
      const text = this.expr(it.e, it.want, it.mode ?? 'value');
      if (k > last || isConstantText(text)) return text;
      return this.materialize(it.e, text, it.want, it.mode ?? 'value');
    });
  }

  private materialize(e: Expr, text: string, want: Type | undefined, mode: Mode): string {
    const t = this.temp();
    const type = this.concrete(e, want);
    if (mode === 'ref') this.line(`${this.cppType(type)}& ${t} = ${text};`);
    else if (type.k === 'void') {
      this.line(`${text};`);
      return '';
    } else if (type.k === 'ptr') this.line(`${this.cppType(type)} const ${t} = ${stripParens(text)};`);
    else this.line(`const ${this.cppType(type)} ${t} = ${stripParens(text)};`);
    return t;
  }

  private ident(e: Extract<Expr, { kind: 'ident' }>, i: ExprInfo, type: Type): string {
    const s = i.symbol!;
    switch (s.kind) {
      case 'local':
      case 'param':
        return s.cname;
      case 'override':
        return scalarLiteral(s.info.value!, scalarOf(type)!);
      case 'const': {
        const name = s.module ? `${s.cname}()` : s.cname;
        const declared = concretizeDefault(s.type);
        if (sameType(declared, type)) return name;
        return this.convert(name, declared, type);
      }
      case 'global': {
        const g = s.g;
        switch (g.space) {
          case 'uniform':
          case 'storage':
            return g.type.k === 'array' && g.type.count === null ? `ctx.${s.cname}` : `(*ctx.${s.cname})`;
          case 'workgroup':
            return `ctx.wg->${s.cname}`;
          default:
            return `ctx.${s.cname}`;
        }
      }
    }
    void e;
  }

  /**
   * Whether the emitter writes `e`, of abstract type, as exact literals (a folded constant, or a value
   * constructor of such). Anything else of abstract type (a run-time `select(2.5, -3.75, c)`, `A[i]` of a
   * const array) is concretized, AbstractFloat to f32 and AbstractInt to i32 (WGSL §6.4), and converted.
   */
  private folded(e: Expr): boolean {
    const i = this.info(e);
    if (i.konst !== undefined) return true;
    return e.kind === 'call' && i.call?.kind === 'ctor' && e.args.every((a) => this.folded(a));
  }

  /** Convert C++ value `text` of concrete type `from` to `to` (numeric conversion, WGSL §15.7). */
  private convert(text: string, from: Type, to: Type): string {
    if (sameType(from, to)) return text;
    if (to.k === 'scalar') return `duet_cast<${cppScalar(to.s)}>(${text})`;
    if (to.k === 'vec') return `duet_cast_vec<${cppScalar(to.e)}>(${text})`;
    if (to.k === 'mat') return `duet_cast_mat<${cppScalar(to.e)}>(${text})`;
    throw new Error(`cannot convert ${typeName(from)} to ${typeName(to)}`);
  }

  private unary(e: Extract<Expr, { kind: 'unary' }>, i: ExprInfo, type: Type, mode: Mode): string {
    switch (e.op) {
      case '&': {
        const o = this.expr(e.operand, undefined, 'ref');
        return `(&${o})`;
      }
      case '*': {
        const o = this.expr(e.operand);
        void mode;
        return `(*${o})`;
      }
      case '!':
        return `(!${this.expr(e.operand, type)})`;
      case '~':
        return `(~${this.expr(e.operand, type)})`;
      case '-': {
        const o = this.expr(e.operand, type);
        const s = scalarOf(type);
        if (s === 'i32') return `duet_neg(${o})`;
        return `(-${o})`;
      }
    }
    void i;
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>, i: ExprInfo, type: Type): string {
    const li = this.info(e.left);
    const ri = this.info(e.right);
    if (e.op === '&&' || e.op === '||') {
      if (!ri.sideEffects) {
        const [l, r] = this.children([
          { e: e.left, want: scalar('bool') },
          { e: e.right, want: scalar('bool') },
        ]);
        return `(${l} ${e.op} ${r})`;
      }
      // Short-circuit with side effects on the right: evaluate the right side only when needed.
      const l = this.expr(e.left, scalar('bool'));
      const t = this.temp();
      this.line(`bool ${t} = ${stripParens(l)};`);
      this.line(e.op === '&&' ? `if (${t}) {` : `if (!${t}) {`);
      this.indent++;
      const r = this.expr(e.right, scalar('bool'));
      this.line(`${t} = ${stripParens(r)};`);
      this.indent--;
      this.line('}');
      return t;
    }
    const opScalar = concreteScalar(i.opScalar ?? scalarOf(type)!);
    const shift = e.op === '<<' || e.op === '>>';
    const leftWant = shift ? type : withScalar(li.type, opScalar);
    const rightWant = shift ? withScalar(ri.type, 'u32') : withScalar(ri.type, opScalar);
    const [l, r] = this.children([
      { e: e.left, want: concretizeDefault(leftWant) },
      { e: e.right, want: concretizeDefault(rightWant) },
    ]);
    return this.binaryText(
      e.op,
      l!,
      r!,
      concretizeDefault(leftWant),
      concretizeDefault(rightWant),
      type,
      opScalar,
    );
  }

  /** C++ for `l op r` with WGSL semantics (WGSL §8.7 arithmetic, §8.9 bit operations). */
  private binaryText(
    op: string,
    l: string,
    r: string,
    lt: Type,
    rt: Type,
    result: Type,
    s: ScalarKind,
  ): string {
    const integer = s === 'i32' || s === 'u32' || s === 'abstract-int';
    void rt;
    void result;
    switch (op) {
      case '+':
      case '-':
      case '*':
        if (s === 'i32' && lt.k !== 'mat')
          return `${op === '+' ? 'duet_add' : op === '-' ? 'duet_sub' : 'duet_mul'}(${l}, ${r})`;
        return `(${l} ${op} ${r})`;
      case '/':
        return integer ? `duet_div(${l}, ${r})` : `(${l} / ${r})`;
      case '%':
        return `duet_mod(${l}, ${r})`;
      case '<<':
        return `duet_shl(${l}, ${r})`;
      case '>>':
        return `duet_shr(${l}, ${r})`;
      case '&':
      case '|':
        if (s === 'bool') return `${op === '&' ? 'duet_band' : 'duet_bor'}(${l}, ${r})`;
        return `(${l} ${op} ${r})`;
      case '^':
        return `(${l} ^ ${r})`;
      default:
        return `(${l} ${op} ${r})`;
    }
  }

  private index(e: Extract<Expr, { kind: 'index' }>, i: ExprInfo, mode: Mode): string {
    const bi = this.info(e.base);
    const baseMode: Mode = bi.ref && !i.viaPointer ? 'ref' : 'value';
    const idxType = concretizeDefault(this.info(e.index).type);
    const [b0, idx] = this.children([
      { e: e.base, mode: baseMode },
      { e: e.index, want: idxType.k === 'scalar' && isAbstract(idxType.s) ? U32 : idxType },
    ]);
    const base = i.viaPointer ? `(*${b0})` : b0!;
    void mode;
    // WGSL robustness (an out-of-bounds index clamps to the last element) is the containers' own:
    // duet_array, duet_rt, vec and mat bound every index by their own size (compiler/preludes/common.h),
    // so the text names the index only. A clamp here as well did not fold away (nvcc -ptx, scripts/prelude-cost.ts).
    return `${base}[${stripParens(idx!)}]`;
  }

  private member(e: Extract<Expr, { kind: 'member' }>, i: ExprInfo, mode: Mode): string {
    const bi = this.info(e.base);
    let baseType = bi.type;
    if (baseType.k === 'ptr') baseType = baseType.store;
    // The runtime-sized last member of a buffer struct is a separate view: ctx.<binding>_<member>.
    if (baseType.k === 'struct') {
      const m = baseType.members.find((x) => x.name === e.name)!;
      if (m.type.k === 'array' && m.type.count === null) {
        const root = this.bufferRoot(e.base);
        if (root?.kind !== 'global') {
          unsupported(e.pos, 'a runtime-sized array reached through a pointer parameter');
        }
        return `ctx.${this.names.view(root.g.decl.name)}`;
      }
    }
    const baseMode: Mode =
      bi.ref && !i.viaPointer && (mode === 'ref' || baseType.k !== 'vec') ? 'ref' : 'value';
    const b0 = this.expr(e.base, undefined, bi.ref && !i.viaPointer ? baseMode : 'value');
    const base = i.viaPointer ? `(*${b0})` : b0;
    if (baseType.k === 'struct') {
      const deref = /^\(\*([A-Za-z_][A-Za-z0-9_.]*)\)$/.exec(base);
      const m = this.names.member(baseType, e.name);
      return deref ? `${deref[1]}->${m}` : `${base}.${m}`;
    }
    const sw = i.swizzle!;
    if (sw.length === 1) return `${base}.${SWIZZLE[sw[0]!]}`;
    return `duet_swizzle<${sw.join(', ')}>(${base})`;
  }

  /**
   * The buffer a struct expression names: the global itself, or a `let` pointer (or a chain of `&` / `*`
   * over one) whose initializer names it. WGSL fixes a `let` pointer's originating variable where it is
   * declared (section 6.4.3), so the chain resolves statically; a pointer parameter's does not.
   */
  private bufferRoot(e: Expr): WgslSymbol | undefined {
    if (e.kind === 'unary' && (e.op === '*' || e.op === '&')) return this.bufferRoot(e.operand);
    if (e.kind !== 'ident') return undefined;
    const sym = this.info(e).symbol;
    if (sym?.kind === 'local' && sym.decl.declKind === 'let' && sym.type.k === 'ptr' && sym.decl.init) {
      return this.bufferRoot(sym.decl.init);
    }
    return sym;
  }

  // ---- calls --------------------------------------------------------------------------------------------

  private call(e: CallExpr, i: ExprInfo, type: Type, asStatement: boolean): string {
    const c = i.call!;
    if (c.kind === 'user') {
      const fi = this.checker.fnInfo.get(c.fn.name)!;
      const args = this.children(e.args.map((a, k) => ({ e: a, want: fi.params[k]!.type })));
      const text = `${this.names.of(c.fn.name)}(${['ctx', ...args].join(', ')})`;
      return text;
    }
    if (c.kind === 'ctor') return this.construct(e, type);
    return this.builtin(e, c.name, type, asStatement, c.targ);
  }

  private construct(e: CallExpr, type: Type): string {
    const args = e.args;
    if (args.length === 0) {
      if (type.k === 'scalar') return scalarLiteral({ value: 0, kind: 'abstract-int' }, type.s);
      return `${this.cppType(type)}{}`;
    }
    switch (type.k) {
      case 'scalar': {
        const arg = this.info(args[0]!);
        // A folded abstract value converts exactly (its constant is the result); any other is concretized
        // first, then converted with WGSL's conversion (float → int saturates, §15.7). See `folded`.
        const exact = isAbstract(scalarOf(arg.type)!) && this.folded(args[0]!);
        const from = exact ? type : concretizeDefault(arg.type);
        const [a] = this.children([{ e: args[0]!, want: from }]);
        return this.convert(a!, from, type);
      }
      case 'vec': {
        const el = scalar(type.e);
        const first = this.info(args[0]!).type;
        if (args.length === 1 && first.k === 'scalar') {
          const [a] = this.children([{ e: args[0]!, want: el }]);
          return `duet_splat<${this.cppType(type)}>(${a})`;
        }
        if (args.length === 1 && first.k === 'vec') {
          const from = isAbstract(first.e) && this.folded(args[0]!) ? type : concretizeDefault(first);
          const [a] = this.children([{ e: args[0]!, want: from }]);
          return this.convert(a!, from, type);
        }
        // A run-time abstract component (`vec2<i32>(A[i], 1)`) is concretized, then converted.
        const wants = args.map((a) => {
          const t = this.info(a).type;
          const as = t.k === 'vec' ? vec(t.n, type.e) : el;
          return isAbstract(scalarOf(t)!) && !this.folded(a) ? concretizeDefault(t) : as;
        });
        const parts = this.children(args.map((a, k) => ({ e: a, want: wants[k] }))).map((text, k) => {
          const t = this.info(args[k]!).type;
          return this.convert(text, wants[k]!, t.k === 'vec' ? vec(t.n, type.e) : el);
        });
        if (args.every((a) => this.info(a).type.k === 'scalar'))
          return `${this.cppType(type)}{${parts.join(', ')}}`;
        return `duet_vec${type.n}(${parts.join(', ')})`;
      }
      case 'mat': {
        const first = this.info(args[0]!).type;
        const tparams = `${cppScalar(type.e)}, ${type.c}, ${type.r}`;
        if (args.length === 1 && first.k === 'mat') {
          const from = isAbstract(first.e) ? type : first;
          const [a] = this.children([{ e: args[0]!, want: from }]);
          return this.convert(a!, from, type);
        }
        if (first.k === 'vec') {
          const cols = this.children(args.map((a) => ({ e: a, want: vec(type.r, type.e) })));
          return `duet_make_mat<${tparams}>(${cols.join(', ')})`;
        }
        const ss = this.children(args.map((a) => ({ e: a, want: scalar(type.e) })));
        return `duet_make_mat_scalars<${tparams}>(${ss.join(', ')})`;
      }
      case 'array': {
        const items = this.children(args.map((a) => ({ e: a, want: type.e })));
        return `duet_make_array<${this.cppType(type.e)}, ${type.count}>(${items.join(', ')})`;
      }
      case 'struct': {
        const items = this.children(args.map((a, k) => ({ e: a, want: type.members[k]!.type })));
        return `duet_make_${this.names.struct(type)}(${items.join(', ')})`;
      }
      default:
        return unsupported(e.pos, `constructing ${typeName(type)}`);
    }
  }

  private builtin(e: CallExpr, name: string, type: Type, asStatement: boolean, targ?: Type): string {
    const argTypes = e.args.map((a) => this.info(a).type);
    const resultScalar = scalarOf(type);
    /** Default: abstract arguments take the result's scalar type (or their own default). */
    const wantFor = (k: number): Type | undefined => {
      const t = argTypes[k]!;
      const s = scalarOf(t);
      if (!s || !isAbstract(s)) return undefined;
      if (
        resultScalar &&
        !isAbstract(resultScalar) &&
        resultScalar !== 'bool' &&
        (isFloatKind(resultScalar) || s === 'abstract-int')
      ) {
        return withScalar(t, resultScalar);
      }
      return concretizeDefault(t);
    };
    const wants: (Type | undefined)[] = e.args.map((_, k) => wantFor(k));
    const u32Arg = (k: number) => {
      wants[k] = withScalar(argTypes[k]!, 'u32');
    };
    switch (name) {
      case 'select':
        wants[2] = undefined;
        break;
      case 'dot':
      case 'length':
      case 'distance':
      case 'determinant':
      case 'all':
      case 'any':
        // Arguments are vectors/matrices of the result's scalar.
        e.args.forEach((_, k) => {
          const t = argTypes[k]!;
          const s = scalarOf(t);
          if (s && isAbstract(s))
            wants[k] = withScalar(
              t,
              resultScalar && !isAbstract(resultScalar)
                ? resultScalar
                : concretizeDefault(scalar(s)).k === 'scalar'
                  ? (concretizeDefault(scalar(s)) as { s: ScalarKind }).s
                  : s,
            );
        });
        break;
      case 'extractBits':
        u32Arg(1);
        u32Arg(2);
        break;
      case 'insertBits':
        u32Arg(2);
        u32Arg(3);
        break;
      case 'ldexp':
        wants[1] = withScalar(argTypes[1]!, 'i32');
        break;
      case 'pack4x8snorm':
      case 'pack4x8unorm':
        wants[0] = vec(4, 'f32');
        break;
      case 'pack2x16snorm':
      case 'pack2x16unorm':
      case 'pack2x16float':
        wants[0] = vec(2, 'f32');
        break;
      case 'pack4xI8':
      case 'pack4xI8Clamp':
        wants[0] = vec(4, 'i32');
        break;
      case 'pack4xU8':
      case 'pack4xU8Clamp':
        wants[0] = vec(4, 'u32');
        break;
      case 'unpack4x8snorm':
      case 'unpack4x8unorm':
      case 'unpack2x16snorm':
      case 'unpack2x16unorm':
      case 'unpack2x16float':
      case 'unpack4xI8':
      case 'unpack4xU8':
      case 'dot4U8Packed':
      case 'dot4I8Packed':
        e.args.forEach((_, k) => {
          u32Arg(k);
        });
        break;
      case 'modf':
      case 'frexp':
        // An abstract argument (`frexp(vec2(1.25, 3.75))`) is f32 of its own shape.
        wants[0] = withScalar(argTypes[0]!, 'f32');
        break;
      case 'bitcast':
        wants[0] = concretizeDefault(argTypes[0]!);
        break;
      default:
        if (name.startsWith('atomic')) {
          const p = argTypes[0]!;
          const el = p.k === 'ptr' && p.store.k === 'atomic' ? scalar(p.store.e) : undefined;
          for (let k = 1; k < e.args.length; k++) wants[k] = el;
        }
        break;
    }
    if (name === 'workgroupBarrier' || name === 'storageBarrier' || name === 'textureBarrier') {
      this.line('DUET_BARRIER();');
      return asStatement ? '' : '';
    }
    if (name === 'workgroupUniformLoad') {
      const [p] = this.children([{ e: e.args[0]! }]);
      const t = this.temp();
      this.line('DUET_BARRIER();');
      const store = argTypes[0]!.k === 'ptr' ? argTypes[0]!.store : undefined;
      const load = store?.k === 'atomic' ? `duet_atomicLoad(${p})` : `*${p}`;
      this.line(`const ${this.cppType(type)} ${t} = ${load};`);
      this.line('DUET_BARRIER();');
      return t;
    }
    const args = this.children(e.args.map((a, k) => ({ e: a, want: wants[k] })));
    switch (name) {
      case 'bitcast':
        return `duet_bitcast<${this.cppType(targ!)}>(${args[0]})`;
      case 'quadBroadcast':
      case 'subgroupBroadcast':
      case 'subgroupShuffle':
      case 'subgroupShuffleXor':
      case 'subgroupShuffleUp':
      case 'subgroupShuffleDown':
        return `duet_${name}(ctx.lane, ${args[0]}, (unsigned)(${args[1]}))`;
      case 'arrayLength':
        return `${args[0]}->len`;
      case 'mix': {
        return `duet_mix(${args.join(', ')})`;
      }
      default:
        if (name.startsWith('subgroup') || name.startsWith('quad')) {
          return `duet_${name}(${['ctx.lane', ...args].join(', ')})`;
        }
        return `duet_${name}(${args.join(', ')})`;
    }
  }
}

function concreteScalar(s: ScalarKind): ScalarKind {
  if (s === 'abstract-int') return 'i32';
  if (s === 'abstract-float') return 'f32';
  return s;
}

/** Text that names a variable or a member path: cheap and side-effect free to repeat. */
function isSimple(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*(\s*(\.|->)\s*[A-Za-z_][A-Za-z0-9_]*)*$/.test(text);
}

function isConstantText(text: string): boolean {
  return /^\(?-?[0-9][0-9a-fA-FxXuU.eE+-]*f?\)?$/.test(text) || text === 'true' || text === 'false';
}

function stripParens(text: string): string {
  if (!text.startsWith('(') || !text.endsWith(')')) return text;
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    if (text[k] === '(') depth++;
    else if (text[k] === ')') depth--;
    if (depth === 0 && k < text.length - 1) return text;
  }
  return text.slice(1, -1);
}
