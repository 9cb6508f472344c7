/**
 * The function emitter's working state as the statement, expression and call emitters see it: the
 * output lines and their indentation, the enclosing loops, and the few entry points back into the
 * emitter (an expression's annotations and C++ text). compiler/emit/function.ts implements it; the
 * parts import only this interface, so they never import the emitter (no cycle).
 */
import type { Expr, Stmt } from '../front/ast';
import type { ExprInfo, FnInfo } from '../front/check/annotations';
import type { Checker } from '../front/check/checker';
import type { Type } from '../front/types';
import type { ModuleNames } from '../namer';
import type { IndexRanges } from './cpu-index-ranges';

/** Whether an expression is wanted as a value or as the reference it denotes (an lvalue). */
export type Mode = 'value' | 'ref';

export interface LoopFrame {
  /** Label that `continue` jumps to, when the loop has a continuing part. */
  continueLabel?: string;
  labelUsed?: boolean;
}

export interface EmitContext {
  readonly checker: Checker;
  /** The function being emitted; undefined for module-scope initializers and constants. */
  readonly fi: FnInfo | undefined;
  /**
   * `if` statements whose condition the CPU loop entry has proved for a whole workgroup when
   * ctx.duet_full is set (compiler/emit/cpu-windows.ts): the value it then has.
   */
  readonly decided: ReadonlyMap<Stmt, boolean>;
  readonly names: ModuleNames;
  indent: number;
  /** Innermost last. */
  readonly loops: LoopFrame[];
  /** The WGSL line of the last `// wgsl:` marker written. */
  lastLine: number;
  /**
   * What a `return;` becomes (default `return;`): in the CPU loop-fission entry it ends the invocation's
   * part of a region instead (compiler/emit/entry-cpu-fission.ts).
   */
  voidReturn?: string;
  /**
   * CPU backend: the indices proven inside their fixed-size arrays, emitted without the robustness clamp
   * (compiler/emit/cpu-index-ranges.ts). Undefined (CUDA): every index keeps its clamp.
   */
  readonly indexRanges?: IndexRanges;
  /**
   * CPU backend: a counted loop (compiler/loop-trips.ts) polls once before it runs, counting its trips
   * (duet_cpu_counted_loop, compiler/preludes/cpu_runtime.h), instead of at every step.
   */
  readonly pollCountedLoopsOnce?: boolean;
  /**
   * CPU loop fission, a row's fast path: index expressions that are element duet_lx of their view's row
   * window (compiler/emit/fission-row-windows.ts), emitted as duet_win.
   */
  readonly rowWindowAccesses?: ReadonlySet<Expr>;
  /**
   * CPU loop fission, a row's fast path: `if (c) { x = e; }` is emitted as `x = c ? e : x` where that is
   * the same (compiler/emit/speculate.ts), so g++ can vectorise the row.
   */
  readonly speculateLoads?: boolean;

  /** Appends one line of output at the current indentation. */
  line(text: string): void;
  /** A fresh temporary name from the module's registry: no user name or other temporary can meet it. */
  temp(): string;
  cppType(t: Type): string;
  info(e: Expr): ExprInfo;
  /** The concrete type an expression is emitted as. */
  concrete(e: Expr, want?: Type): Type;
  /**
   * `e` as C++ text; statements needed first (ordered temporaries) are appended to the output. `want` is
   * the concrete type the context needs (abstract values are converted to it).
   */
  expr(e: Expr, want?: Type, mode?: Mode): string;
}
