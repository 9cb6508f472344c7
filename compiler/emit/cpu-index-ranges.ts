/**
 * Indices the CPU backend may use without the robustness clamp (issue 25): an index into a fixed-size
 * array of function, private or workgroup memory, or a `let` array value, whose every possible value
 * lies in [0, N). The clamp stays wherever that is not proven.
 *
 * The proof is interval arithmetic over exact integers, from these sources only:
 * - constants (the checker's folded values);
 * - local_invocation_index in [0, n) and local_invocation_id.x/.y/.z in [0, workgroup size) (the entry's
 *   own parameters: WGSL section 13.3.1.1; every CPU entry passes values in these ranges);
 * - the counter of a counted `for` loop (compiler/loop-trips.ts, countedLoop: it starts at a constant,
 *   only the update changes it, the bound is a constant), used inside the loop's body, where it holds
 *   one of the values the loop was run with;
 * - `let` declarations (immutable, WGSL section 7.3) of such expressions;
 * combined by + - * / % << >> & min max and u32()/i32(). An operation whose exact result could leave
 * its 32-bit type (a wrap, WGSL section 8.7) or whose divisor could be zero proves nothing; an unknown
 * operand proves nothing. A wrong proof would let a kernel reach outside its own memory, so
 * cpu-index-ranges.test.ts checks the analysis against every value it claims to cover.
 */
import type { Expr, Stmt } from '../front/ast';
import type { FnInfo } from '../front/check/annotations';
import type { Checker } from '../front/check/checker';
import { countedLoop } from '../loop-trips';
import { exprsOfStmt, someExpr, stmtsDeep } from './fission-shape';
import type { ModuleToEmit } from './module-input';

export interface Interval {
  lo: bigint;
  hi: bigint;
}

type IndexExpr = Extract<Expr, { kind: 'index' }>;

const U32_MAX = 2n ** 32n - 1n;
const I32_MIN = -(2n ** 31n);
const I32_MAX = 2n ** 31n - 1n;
/** `let` chains are followed this deep at most. */
const MAX_DEPTH = 32;

/**
 * What the CPU backend sets on the emitter of each function (EmitContext): the indices proven in bounds,
 * and counted loops polled once before they run.
 */
export function applyCpuFacts(
  m: ModuleToEmit,
  fn: FnInfo,
  emitter: { indexRanges?: IndexRanges; pollCountedLoopsOnce?: boolean },
): void {
  const entry = m.entries.find((e) => e.fn === fn);
  emitter.indexRanges = new IndexRanges(m.checker, fn, entry?.workgroupSize);
  emitter.pollCountedLoopsOnce = true;
}

export class IndexRanges {
  /** Each use of a counted loop's counter inside the loop's body: the values the counter takes there. */
  private readonly counterUses = new Map<Expr, Interval>();
  /** The entry's built-in parameters, by C++ name. */
  private readonly builtins = new Map<string, string>();

  /**
   * @param workgroupSize the entry's workgroup size; undefined for a function that is not an entry
   *   point (its parameters prove nothing).
   */
  constructor(
    private readonly checker: Checker,
    fi: FnInfo,
    private readonly workgroupSize?: readonly [number, number, number],
  ) {
    if (workgroupSize) for (const p of fi.params) if (p.builtin) this.builtins.set(p.cname, p.builtin);
    for (const s of stmtsDeep(fi.decl.body.stmts)) if (s.kind === 'for') this.counter(s);
  }

  private counter(s: Extract<Stmt, { kind: 'for' }>): void {
    const c = countedLoop(s, this.checker);
    if (!c || c.trips === 0) return;
    const init = s.init as Extract<Stmt, { kind: 'var' }>;
    for (const t of stmtsDeep(s.body.stmts))
      for (const e of exprsOfStmt(t))
        someExpr(e, (x) => {
          const sym = x.kind === 'ident' ? this.symbolOf(x) : undefined;
          if (sym?.kind === 'local' && sym.decl === init) this.counterUses.set(x, { lo: c.min, hi: c.max });
          return false;
        });
  }

  /** Whether `e`'s index is proven in bounds of its fixed-size array (see the file comment). */
  inBounds(e: IndexExpr): boolean {
    const bi = this.checker.get(e);
    if (bi.viaPointer) return false;
    const t = this.checker.get(e.base).type;
    if (t.k !== 'array' || t.count === null || !this.ownMemory(e.base)) return false;
    const r = this.range(e.index, 0);
    return r !== null && r.lo >= 0n && r.hi < BigInt(t.count);
  }

  /** The base is a function/private/workgroup variable or a `let` value, reached without a pointer. */
  private ownMemory(e: Expr): boolean {
    if (e.kind === 'index' || e.kind === 'member') {
      if (this.checker.get(e).viaPointer) return false;
      return this.ownMemory(e.base);
    }
    if (e.kind !== 'ident') return false;
    const sym = this.symbolOf(e);
    if (sym?.kind === 'local') return sym.type.k !== 'ptr';
    return sym?.kind === 'global' && (sym.g.space === 'workgroup' || sym.g.space === 'private');
  }

  /** Every value `e` can have, or null when not proven. */
  range(e: Expr, depth: number): Interval | null {
    if (depth > MAX_DEPTH) return null;
    const info = this.checker.get(e);
    const k = info.konst?.value;
    if (typeof k === 'bigint' || (typeof k === 'number' && Number.isInteger(k)))
      return { lo: BigInt(k), hi: BigInt(k) };
    if (info.konst) return null;
    const t = info.type;
    if (t.k !== 'scalar' || (t.s !== 'u32' && t.s !== 'i32')) return null;
    const r = this.rangeOf(e, depth);
    if (!r) return null;
    const [min, max] = t.s === 'u32' ? [0n, U32_MAX] : [I32_MIN, I32_MAX];
    return r.lo >= min && r.hi <= max ? r : null; // it could wrap: nothing is proven
  }

  private rangeOf(e: Expr, depth: number): Interval | null {
    switch (e.kind) {
      case 'ident': {
        const use = this.counterUses.get(e);
        if (use) return use;
        const sym = this.symbolOf(e);
        if (sym?.kind === 'local' && sym.decl.declKind === 'let' && sym.decl.init)
          return this.range(sym.decl.init, depth + 1);
        if (sym?.kind === 'param' && this.builtins.get(sym.cname) === 'local_invocation_index') {
          const [x, y, z] = this.workgroupSize!;
          return { lo: 0n, hi: BigInt(x * y * z - 1) };
        }
        return null;
      }
      case 'member': {
        const sw = this.checker.get(e).swizzle;
        if (e.base.kind !== 'ident' || sw?.length !== 1) return null;
        const sym = this.symbolOf(e.base);
        if (sym?.kind !== 'param' || this.builtins.get(sym.cname) !== 'local_invocation_id') return null;
        return { lo: 0n, hi: BigInt(this.workgroupSize![sw[0]!]! - 1) };
      }
      case 'binary': {
        const a = this.range(e.left, depth + 1);
        const b = a && this.range(e.right, depth + 1);
        return a && b ? binary(e.op, a, b) : null;
      }
      case 'call': {
        const c = this.checker.get(e).call;
        const args = e.args.map((x) => this.range(x, depth + 1));
        if (args.some((x) => x === null)) return null;
        const [a, b] = args as Interval[];
        if (c?.kind === 'builtin' && args.length === 2 && (c.name === 'min' || c.name === 'max')) {
          const f =
            c.name === 'min'
              ? (p: bigint, q: bigint) => (p < q ? p : q)
              : (p: bigint, q: bigint) => (p > q ? p : q);
          return { lo: f(a!.lo, b!.lo), hi: f(a!.hi, b!.hi) };
        }
        // u32(x) / i32(x) of an integer keeps its value when it fits both types (WGSL section 16.1).
        if (
          c?.kind === 'ctor' &&
          c.type.k === 'scalar' &&
          args.length === 1 &&
          a!.lo >= 0n &&
          a!.hi <= I32_MAX
        )
          return c.type.s === 'u32' || c.type.s === 'i32' ? a! : null;
        return null;
      }
      default:
        return null;
    }
  }

  private symbolOf(e: Expr) {
    return this.checker.find(e)?.symbol;
  }
}

/** The exact result of `a op b` over every pair of values, or null for an operation not covered here. */
export function binary(op: string, a: Interval, b: Interval): Interval | null {
  const span = (...v: bigint[]) => ({ lo: v.reduce(bigMin), hi: v.reduce(bigMax) });
  const min = bigMin;
  switch (op) {
    case '+':
      return { lo: a.lo + b.lo, hi: a.hi + b.hi };
    case '-':
      return { lo: a.lo - b.hi, hi: a.hi - b.lo };
    case '*':
      return span(a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi);
    case '/':
      // Non-negative operands, a divisor never zero: truncation is the floor, monotone in both.
      return a.lo >= 0n && b.lo > 0n ? { lo: a.lo / b.hi, hi: a.hi / b.lo } : null;
    case '%':
      return a.lo >= 0n && b.lo > 0n ? { lo: 0n, hi: min(a.hi, b.hi - 1n) } : null;
    case '<<':
      // A constant shift under 32 (WGSL takes it modulo 32); the range check after catches overflow.
      return a.lo >= 0n && b.lo === b.hi && b.lo < 32n ? { lo: a.lo << b.lo, hi: a.hi << b.lo } : null;
    case '>>':
      return a.lo >= 0n && b.lo === b.hi && b.lo >= 0n && b.lo < 32n
        ? { lo: a.lo >> b.lo, hi: a.hi >> b.lo }
        : null;
    case '&':
      return a.lo >= 0n && b.lo >= 0n ? { lo: 0n, hi: min(a.hi, b.hi) } : null;
    default:
      return null;
  }
}

const bigMin = (p: bigint, q: bigint): bigint => (p < q ? p : q);
const bigMax = (p: bigint, q: bigint): bigint => (p > q ? p : q);
