/**
 * A range fact about a `for` loop: it ends on its own within a known number of iterations, and each
 * iteration is straight-line work. The loop counter starts at a constant, only the update statement
 * changes it, and the condition compares it with a constant; the counter's values are then known
 * exactly, so the loop is run here, with WGSL's wrapping 32-bit integer arithmetic (WGSL §8.7 and
 * §15.7: concrete integer operations wrap; `e1 / 0` and `i32_min / -1` give e1; shifts by e2 mod 32).
 *
 * The emitter passes the count to the runtime's loop stop (DUET_BOUNDED_LOOP_STOP in
 * compiler/preludes/common.h), which may then skip the abort poll: every such loop's work is bounded
 * by its count times its body, the body holds no loop and calls no user function (whose loops would
 * poll on their own but could nest without bound), and any loop around it still polls. The CPU
 * backend polls such a loop once before it (duet_cpu_counted_loop, compiler/preludes/cpu_runtime.h).
 * The counter's range (countedLoop, nested loops allowed) also proves indices in bounds for the CPU
 * backend (compiler/emit/cpu-index-ranges.ts).
 */
import type { Block, Expr, Stmt } from './front/ast';
import type { Checker } from './front/check/checker';

type ForStmt = Extract<Stmt, { kind: 'for' }>;

/** The counter is not run further than this: a longer loop is no bounded loop here. */
export const MAX_COUNTED_TRIPS = 1 << 16;

const WIDTH = 2n ** 32n;

/** The value as the 32-bit integer type holds it (two's complement wrap for i32). */
function wrap(v: bigint, signed: boolean): bigint {
  const u = ((v % WIDTH) + WIDTH) % WIDTH;
  return signed && u >= WIDTH / 2n ? u - WIDTH : u;
}

/** e1 op e2 for concrete i32/u32 (WGSL §8.7 "Arithmetic Expressions", §8.9 "Bit Expressions"). */
function integerOp(op: string, a: bigint, b: bigint, signed: boolean): bigint | null {
  switch (op) {
    case '+':
      return wrap(a + b, signed);
    case '-':
      return wrap(a - b, signed);
    case '*':
      return wrap(a * b, signed);
    case '/':
      if (b === 0n || (signed && a === -(WIDTH / 2n) && b === -1n)) return a;
      return wrap(a / b, signed); // BigInt division truncates towards zero, as WGSL's does
    case '<<':
      return wrap(a << (b & 31n), signed);
    case '>>':
      return wrap(a >> (b & 31n), signed); // arithmetic for i32 (sign-extending), logical for u32 (a ≥ 0)
    default:
      return null;
  }
}

function compare(op: string, a: bigint, b: bigint): boolean | null {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    default:
      return null;
  }
}

const MIRRORED: Record<string, string> = {
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  '==': '==',
  '!=': '!=',
};

/**
 * What is known of a counted `for` loop: its counter starts at a constant, only the update statement
 * changes it (nothing in the condition or the body writes it or takes its address, however deep), and
 * the condition compares it with a constant, so its values are known exactly.
 */
export interface CountedLoop {
  /** The number of times the body runs at most (a `break` or `return` can only end it sooner). */
  trips: number;
  /** The smallest and largest value the counter has while the body runs (trips > 0). */
  min: bigint;
  max: bigint;
  /** The condition is that one comparison alone: every run of the loop runs the body `trips` times, less only by a `break` or `return`. */
  single: boolean;
}

/** The counted loop `s` is, or null when that is not proven or it exceeds MAX_COUNTED_TRIPS. */
export function countedLoop(s: ForStmt, checker: Checker): CountedLoop | null {
  const init = s.init;
  if (init?.kind !== 'var' || init.declKind !== 'var' || !init.init || !s.cond || !s.update) return null;
  const sym = checker.localSymbols.get(init);
  const type = sym?.type;
  if (!sym || type?.k !== 'scalar' || (type.s !== 'i32' && type.s !== 'u32')) return null;
  const signed = type.s === 'i32';
  const konst = (e: Expr): bigint | null => {
    const v = checker.get(e).konst?.value;
    return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))
      ? wrap(BigInt(v), signed)
      : null;
  };
  const isCounter = (e: Expr) => {
    const sym = e.kind === 'ident' ? checker.get(e).symbol : undefined;
    return sym?.kind === 'local' && sym.decl === init;
  };
  const start = konst(init.init);
  if (start === null) return null;

  // The condition: `i op C`, `C op i`, or a conjunction holding one (every conjunct must hold to go on).
  const conjuncts = (e: Expr): Expr[] =>
    e.kind === 'binary' && e.op === '&&' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
  const all = conjuncts(s.cond);
  let test: ((v: bigint) => boolean | null) | null = null;
  for (const c of all) {
    if (c.kind !== 'binary' || !(c.op in MIRRORED)) continue;
    const [op, bound] = isCounter(c.left)
      ? [c.op, konst(c.right)]
      : isCounter(c.right)
        ? [MIRRORED[c.op] as string, konst(c.left)]
        : [c.op, null];
    if (bound !== null) {
      test = (v) => compare(op, v, bound);
      break;
    }
  }
  if (!test) return null;

  // The update: `i++`, `i--`, `i op= C`, `i = i op C` or `i = C op i` for commutative op.
  let step: ((v: bigint) => bigint | null) | null = null;
  const u = s.update;
  if (u.kind === 'incdec' && isCounter(u.lhs))
    step = (v) => integerOp(u.op === '++' ? '+' : '-', v, 1n, signed);
  else if (u.kind === 'assign' && u.lhs && isCounter(u.lhs)) {
    if (u.op !== '=') {
      const c = konst(u.rhs);
      const op = u.op.slice(0, -1);
      if (c !== null) step = (v) => integerOp(op, v, c, signed);
    } else if (u.rhs.kind === 'binary') {
      const { op, left, right } = u.rhs;
      const c = isCounter(left)
        ? konst(right)
        : (op === '+' || op === '*') && isCounter(right)
          ? konst(left)
          : null;
      if (c !== null) step = (v) => integerOp(op, v, c, signed);
    }
  }
  if (!step) return null;
  if (takesAddress(s.cond, isCounter) || writesCounter(s.body, isCounter)) return null;

  let v: bigint | null = start;
  let min = start;
  let max = start;
  for (let trips = 0; trips <= MAX_COUNTED_TRIPS; trips++) {
    const go = test(v);
    if (go === null) return null;
    if (!go) return { trips, min, max, single: all.length === 1 };
    if (v < min) min = v;
    if (v > max) max = v;
    v = step(v);
    if (v === null) return null;
  }
  return null;
}

/**
 * The number of times the body of `s` runs at most (a `break` or `return` can only end it sooner), or
 * null when that is not proven or exceeds MAX_COUNTED_TRIPS, or when an iteration is not straight-line
 * work (a nested loop, a call of a user function).
 */
export function boundedLoopTrips(s: ForStmt, checker: Checker): number | null {
  const c = countedLoop(s, checker);
  if (!c || hasUserCall(s.cond, checker) || !straightLine(s.body, checker)) return null;
  return c.trips;
}

/** Whether `b` (at any depth) assigns the counter or takes its address. */
function writesCounter(b: Block, isCounter: (e: Expr) => boolean): boolean {
  const expr = (e: Expr | undefined) => takesAddress(e, isCounter);
  const stmt = (s: Stmt): boolean => {
    switch (s.kind) {
      case 'block':
        return s.stmts.some(stmt);
      case 'var':
        return expr(s.init);
      case 'assign':
        return (s.lhs !== null && (isCounter(s.lhs) || expr(s.lhs))) || expr(s.rhs);
      case 'incdec':
        return isCounter(s.lhs) || expr(s.lhs);
      case 'call':
        return expr(s.call);
      case 'if':
        return expr(s.cond) || stmt(s.then) || (s.else !== undefined && stmt(s.else));
      case 'switch':
        return expr(s.selector) || s.clauses.some((c) => stmt(c.body));
      case 'return':
        return expr(s.value);
      case 'for':
        return (
          (s.init !== undefined && stmt(s.init)) ||
          expr(s.cond) ||
          (s.update !== undefined && stmt(s.update)) ||
          stmt(s.body)
        );
      case 'while':
        return expr(s.cond) || stmt(s.body);
      case 'loop':
        return (
          stmt(s.body) ||
          (s.continuing !== undefined && (stmt(s.continuing.body) || expr(s.continuing.breakIf)))
        );
      case 'const_assert':
      case 'break':
      case 'continue':
      case 'discard':
        return false;
    }
  };
  return stmt(b);
}

/** Calls a user function somewhere in `e` (its loops could nest inside this loop's iterations). */
function hasUserCall(e: Expr | undefined, checker: Checker): boolean {
  if (!e) return false;
  switch (e.kind) {
    case 'lit':
    case 'ident':
      return false;
    case 'call':
      return checker.get(e).call?.kind === 'user' || e.args.some((a) => hasUserCall(a, checker));
    case 'index':
      return hasUserCall(e.base, checker) || hasUserCall(e.index, checker);
    case 'member':
      return hasUserCall(e.base, checker);
    case 'unary':
      return hasUserCall(e.operand, checker);
    case 'binary':
      return hasUserCall(e.left, checker) || hasUserCall(e.right, checker);
  }
}

/** Takes the counter's address somewhere in `e` (a pointer could change it behind the update's back). */
function takesAddress(e: Expr | undefined, isCounter: (e: Expr) => boolean): boolean {
  if (!e) return false;
  switch (e.kind) {
    case 'lit':
    case 'ident':
      return false;
    case 'call':
      return e.args.some((a) => takesAddress(a, isCounter));
    case 'index':
      return takesAddress(e.base, isCounter) || takesAddress(e.index, isCounter);
    case 'member':
      return takesAddress(e.base, isCounter);
    case 'unary':
      return (e.op === '&' && isCounter(e.operand)) || takesAddress(e.operand, isCounter);
    case 'binary':
      return takesAddress(e.left, isCounter) || takesAddress(e.right, isCounter);
  }
}

/** No loop and no user call anywhere in `b` (countedLoop has checked the counter's writes). */
function straightLine(b: Block, checker: Checker): boolean {
  const expr = (e: Expr | undefined) => !hasUserCall(e, checker);
  const stmt = (s: Stmt): boolean => {
    switch (s.kind) {
      case 'block':
        return s.stmts.every(stmt);
      case 'var':
        return expr(s.init);
      case 'assign':
        return expr(s.lhs ?? undefined) && expr(s.rhs);
      case 'incdec':
        return expr(s.lhs);
      case 'call':
        return expr(s.call);
      case 'if':
        return expr(s.cond) && stmt(s.then) && (!s.else || stmt(s.else));
      case 'switch':
        return (
          expr(s.selector) &&
          s.clauses.every((c) => c.selectors.every((x) => x === null || expr(x)) && stmt(c.body))
        );
      case 'return':
        return expr(s.value);
      case 'const_assert':
      case 'break':
      case 'continue':
      case 'discard':
        return true;
      case 'for':
      case 'while':
      case 'loop':
        return false;
    }
  };
  return stmt(b);
}
