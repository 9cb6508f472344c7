/**
 * Emits one WGSL function as C++, in one walk over the checked tree that does the work of these Tint
 * passes: ordered temporaries for left-to-right evaluation ("promote side effects to decl", order.ts),
 * robustness through the bounded containers (robustness.cc, accesses.ts), integer/shift/conversion
 * polyfills through prelude helpers (builtin_polyfill.cc, signed_integer_polyfill.cc; operators.ts,
 * calls.ts), zero-initialised variables, `workgroupUniformLoad` as barrier–load–barrier, and loop guards
 * with abort polling (prevent_infinite_loops.cc, statements.ts). This file holds the emitter's state and
 * drives a function's, an initializer's or a constant's emission; statements.ts, expressions.ts and the
 * files they use do the emitting.
 */
import { unsupported } from '../diagnostics';
import type { Expr, Stmt } from '../front/ast';
import type { ExprInfo, FnInfo } from '../front/check/annotations';
import type { Checker } from '../front/check/checker';
import { concretizeDefault, isAbstract, isHandle, sameType, scalarOf, type Type } from '../front/types';
import type { ModuleNames } from '../namer';
import type { EmitContext, LoopFrame, Mode } from './context';
import type { IndexRanges } from './cpu-index-ranges';
import { emitExpr } from './expressions';
import { emitBlock } from './statements';
import { cppType as cppTypeIn } from './types';

export class FunctionEmitter implements EmitContext {
  private out: string[] = [];
  indent = 1;
  readonly loops: LoopFrame[] = [];
  lastLine = 0;
  voidReturn?: string;
  /** Set by the CPU backend (EmitContext). */
  indexRanges?: IndexRanges;
  pollCountedLoopsOnce?: boolean;
  rowWindowAccesses?: ReadonlySet<Expr>;
  speculateLoads?: boolean;

  /**
   * @param decided `if` statements whose condition the CPU loop entry has proved for a whole workgroup
   * when ctx.duet_full is set (compiler/emit/cpu-windows.ts): the value it then has.
   */
  constructor(
    readonly checker: Checker,
    readonly fi: FnInfo | undefined,
    readonly decided: ReadonlyMap<Stmt, boolean> = new Map(),
  ) {}

  // ---- output helpers -----------------------------------------------------------------------------------

  line(text: string): void {
    this.out.push(`${'  '.repeat(this.indent)}${text}`);
  }

  /** Temporaries come from the module's registry: no user name or other temporary can meet them. */
  temp(): string {
    return this.names.temp();
  }

  get names(): ModuleNames {
    return this.checker.names;
  }

  cppType(t: Type): string {
    return cppTypeIn(t, this.names);
  }

  info(e: Expr): ExprInfo {
    return this.checker.get(e);
  }

  /** The concrete type an expression is emitted as. */
  concrete(e: Expr, want?: Type): Type {
    const t = this.info(e).type;
    if (want && (t.k === 'scalar' || t.k === 'vec' || t.k === 'mat' || t.k === 'array')) {
      const s = scalarOf(t);
      if ((s && isAbstract(s)) || (t.k === 'array' && !sameType(concretizeDefault(t), want))) return want;
    }
    return concretizeDefault(t);
  }

  expr(e: Expr, want?: Type, mode: Mode = 'value'): string {
    return emitExpr(this, e, want, mode);
  }

  // ---- functions ----------------------------------------------------------------------------------------

  emitFunction(): string {
    const fi = this.fi!;
    const params = ['DuetCtx& ctx', ...fi.params.map((p) => this.param(p.type, p.cname))];
    const header = `DUET_FN ${this.cppType(fi.ret)} ${this.names.of(fi.decl.name)}(${params.join(', ')})`;
    this.out = [];
    this.indent = 1;
    emitBlock(this, fi.decl.body, false);
    const last = fi.decl.body.stmts[fi.decl.body.stmts.length - 1];
    if (fi.ret.k !== 'void' && last?.kind !== 'return') {
      // Unreachable in valid WGSL (every path returns); keeps C++ compilers quiet.
      this.line(`return ${this.cppType(fi.ret)}{};`);
    }
    return `// wgsl:${fi.decl.pos.line} fn ${fi.decl.name}\n${header} {\n${this.out.join('\n')}\n}`;
  }

  prototype(): string {
    const fi = this.fi!;
    const params = ['DuetCtx& ctx', ...fi.params.map((p) => this.param(p.type, p.cname))];
    return `DUET_FN ${this.cppType(fi.ret)} ${this.names.of(fi.decl.name)}(${params.join(', ')});`;
  }

  /** A parameter: by value, except textures and samplers, passed as a const reference to their view. */
  private param(t: Type, cname: string): string {
    return isHandle(t) ? `const ${this.cppType(t)}& ${cname}` : `${this.cppType(t)} ${cname}`;
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
}
