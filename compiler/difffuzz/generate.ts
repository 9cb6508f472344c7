/**
 * Seeded random WGSL programs, valid by construction (a typed expression grammar with depth limits),
 * for the differential fuzzer: i32/u32/f32/bool, vec2<i32>, vec4<u32>, arrays, a struct, let/var/const
 * shadowed in nested scopes, assignments to swizzles of vector variables (swizzle-targets.ts), calls with pointer arguments (evaluated left to right, WGSL §14.1),
 * if/switch/for/while/loop with break/continue and static trip counts, `inp`/`mem` storage accesses
 * kept in range by masking, and AbstractInt/AbstractFloat const-expressions over the 64-bit range
 * (through const vectors, their components and swizzles, vector operators, and the const built-ins
 * min/max/abs/clamp/select/dot/sign and exact float ones such as floor/fract/sqrt of a square too),
 * evaluated here with BigInt / exact doubles so only valid ones are emitted and then concretized.
 *
 * What stays out, because WGSL leaves it implementation-defined or the backends round differently:
 * out-of-range indices, transcendental built-ins, float division except by powers of two, float to
 * int conversion of values that could be NaN or infinite. Integer division/remainder by zero and
 * i32 MIN / -1 are in (WGSL §8.7 defines them); runtime shift counts are masked below the bit width
 * and const ones are literals below it (§8.9). Test-only.
 */
import { mulberry32 } from '../../core/generators';
import { type Expr, P, type Program, type Stmt, type Ty } from './program';
import { swizzleTarget } from './swizzle-targets';

type Rand = () => number;

// Math.min / Math.max take no bigint.
const bigMin = (a: bigint, b: bigint): bigint => (b < a ? b : a);
const bigMax = (a: bigint, b: bigint): bigint => (b > a ? b : a);

interface Var {
  /** Text that reads it (`x`, `(*p)`, `s.a`). */
  read: string;
  /** Text that assigns it, when it is a `var` the generator may write. */
  lhs?: string;
  ty: Ty;
  konst: boolean;
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const I32_MIN = -(1n << 31n);
const I32_MAX = (1n << 31n) - 1n;

/** Input words: the edges integer rules care about, plus anything. */
export function inputWords(seed: number): number[] {
  const r = mulberry32(seed ^ 0x5eed);
  const edges = [0, 1, 2, 3, 0xffffffff, 0x80000000, 0x7fffffff, 31, 32, 33, 255, 0xfffffffe, 7, 64];
  return Array.from({ length: 16 }, (_, i) => (i < 8 ? edges[r() % edges.length]! : r()) >>> 0);
}

class Gen {
  private readonly r: Rand;
  private scopes: Map<string, Var>[] = [new Map()];
  private names = 0;
  private loops = 0;
  private loopVars: string[] = [];
  /** Helpers the body may call: name and the type of each. */
  private helpers: { name: string; ptr: boolean; ty: 'i32' | 'u32' }[] = [];
  private absConsts: { name: string; v: bigint }[] = [];
  private absFloats: { name: string; v: number }[] = [];
  /** Module-scope const vectors of AbstractInts (`const K = vec3(…);`), read by component. */
  private absVecs: { name: string; vs: bigint[] }[] = [];
  private inHelper = false;
  readonly module: string[] = [];

  constructor(seed: number) {
    this.r = mulberry32(seed);
  }

  private int(n: number): number {
    return this.r() % n;
  }
  private chance(p: number): boolean {
    return this.r() / 2 ** 32 < p;
  }
  private pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  private fresh(): string {
    return `v${this.names++}`;
  }

  private visible(): Var[] {
    const seen = new Map<string, Var>();
    for (const s of this.scopes) for (const [n, v] of s) seen.set(n, v);
    return [...seen.values()];
  }
  private declare(name: string, v: Var): void {
    this.scopes[this.scopes.length - 1]!.set(name, v);
  }
  private withScope<T>(f: () => T): T {
    this.scopes.push(new Map());
    const consts = [this.absConsts.length, this.absFloats.length] as const;
    try {
      return f();
    } finally {
      this.scopes.pop();
      // Body `const`s go out of scope with their block.
      this.absConsts.length = consts[0];
      this.absFloats.length = consts[1];
    }
  }

  // ---- expressions -------------------------------------------------------------------------------

  private leaf(ty: Ty, op: string, konst: boolean): Expr {
    return { ty, op, args: [], konst };
  }
  private node(ty: Ty, op: string, args: Expr[]): Expr {
    // No all-const operations: const evaluation makes overflow and x/0 shader-creation errors.
    // Only the args the template prints count (some templates drop one).
    const used = [...new Set([...op.matchAll(/\$(\d)/g)].map((m) => Number(m[1])))];
    if (used.length > 0 && used.every((i) => args[i]!.konst))
      args[used[0]!] = this.runtime(args[used[0]!]!.ty);
    return { ty, op, args, konst: false };
  }

  /** A value only known at run time. */
  private runtime(ty: Ty): Expr {
    const k = this.int(16);
    const vars = this.visible().filter((v) => v.ty === ty && !v.konst);
    if (vars.length && this.chance(0.6)) return this.leaf(ty, this.pick(vars).read, false);
    switch (ty) {
      case 'u32':
        return this.leaf(ty, `inp[${k}]`, false);
      case 'i32':
        return this.chance(0.5)
          ? this.leaf(ty, `bitcast<i32>(inp[${k}])`, false)
          : this.leaf(ty, `mem[MEMBASE + ${this.int(8)}u]`, false);
      case 'f32':
        // Whole numbers and halves from -32 to 31.5: sums and small products stay exact.
        return this.leaf(ty, `(f32(inp[${k}] & 127u) * 0.5f - 32.0f)`, false);
      case 'bool':
        return this.leaf(ty, `((inp[${k}] & ${1 << this.int(4)}u) != 0u)`, false);
      case 'vec2<i32>':
        return this.leaf(ty, `vec2<i32>(bitcast<i32>(inp[${k}]), bitcast<i32>(inp[${(k + 5) % 16}]))`, false);
      case 'vec4<u32>':
        return this.leaf(ty, `vec4<u32>(inp[${k}], inp[${(k + 3) % 16}], inp[${(k + 7) % 16}], 5u)`, false);
    }
  }

  private literal(ty: Ty): Expr {
    switch (ty) {
      case 'i32': {
        const v = this.pick([0, 1, 2, -1, 7, -8, 31, 100, 0x7fffffff, -0x7fffffff]);
        return this.leaf(ty, v < 0 ? `(${v}i)` : `${v}i`, true);
      }
      case 'u32':
        return this.leaf(ty, `${this.pick([0, 1, 2, 3, 31, 255, 0x80000000, 0xffffffff])}u`, true);
      case 'f32':
        return this.leaf(
          ty,
          `${this.pick(['0.0', '1.0', '0.5', '-2.0', '3.0', '16777216.0', '-0.25'])}f`,
          true,
        );
      case 'bool':
        return this.leaf(ty, this.pick(['true', 'false']), true);
      case 'vec2<i32>':
        return this.leaf(ty, this.pick(['vec2<i32>(1, -2)', 'vec2i(7)', 'vec2<i32>()']), true);
      case 'vec4<u32>':
        return this.leaf(ty, this.pick(['vec4<u32>(1u, 2u, 3u, 4u)', 'vec4u(255u)', 'vec4<u32>()']), true);
    }
  }

  private smallFloat(): Expr {
    return this.chance(0.5)
      ? this.leaf('f32', this.pick(['0.5f', '-3.0f', '0.0f', '2.0f', '-0.25f']), true)
      : this.leaf('f32', `(f32(inp[${this.int(16)}] & 127u) * 0.5f - 32.0f)`, false);
  }

  /** f32 values stored in variables: bounded and on a 1/256 grid, so no overflow and no subnormals. */
  private store(e: Expr): Expr {
    if (e.ty !== 'f32') return e;
    return this.node('f32', 'clamp(round($0 * 256.0f) * 0.00390625f, -1e6f, 1e6f)', [e]);
  }

  /** An abstract const, concretized to `ty` in a way valid for its value. */
  private concretized(ty: 'i32' | 'u32' | 'f32'): Expr | undefined {
    if (ty === 'f32') {
      const fits = this.absFloats.filter((c) => Math.fround(c.v) === c.v);
      if (!fits.length) return undefined;
      const c = this.pick(fits);
      return this.leaf(ty, this.chance(0.5) ? `f32(${c.name})` : `${c.name}`, true);
    }
    if (!this.absConsts.length) return undefined;
    const c = this.pick(this.absConsts);
    const forms: [string, bigint][] =
      ty === 'u32'
        ? [
            [`u32(${c.name} & 0xffffffff)`, c.v & 0xffffffffn],
            [`u32((${c.name} >> 32) & 0xffffffff)`, (c.v >> 32n) & 0xffffffffn],
          ]
        : [
            [`i32(${c.name} % 1000)`, c.v % 1000n],
            [`i32(${c.name} >> 40)`, c.v >> 40n],
            [`${c.name}`, c.v],
          ];
    const ok = forms.filter(([, v]) =>
      ty === 'u32' ? v >= 0n && v < 1n << 32n : v >= I32_MIN && v <= I32_MAX,
    );
    if (!ok.length) return undefined;
    return this.leaf(ty, this.pick(ok)[0], true);
  }

  expr(ty: Ty, depth: number): Expr {
    if (depth <= 0 || this.chance(0.25)) {
      const c =
        ty === 'i32' || ty === 'u32' || ty === 'f32' ? this.chance(0.2) && this.concretized(ty) : undefined;
      if (c) return c;
      return this.chance(0.35) ? this.literal(ty) : this.runtime(ty);
    }
    const d = depth - 1;
    const e = (t: Ty) => this.expr(t, d);
    switch (ty) {
      case 'i32':
        return this.intExpr('i32', d);
      case 'u32':
        return this.intExpr('u32', d);
      case 'f32': {
        const op = this.int(9);
        if (op < 2) return this.node(ty, this.pick(['($0 + $1)', '($0 - $1)']), [e('f32'), e('f32')]);
        // Products only by a small input or literal, so no value can reach infinity (WGSL §14.6.2
        // lets implementations assume none does).
        if (op === 2)
          return this.node(ty, this.pick(['($0 * $1)', '($1 * $0)']), [e('f32'), this.smallFloat()]);
        if (op === 3)
          return this.node(ty, this.pick(['($0 / 2.0f)', '($0 / -4.0f)', '(-$0)', 'abs($0)']), [e('f32')]);
        if (op === 4)
          return this.node(ty, this.pick(['floor($0)', 'ceil($0)', 'trunc($0)', 'round($0)']), [e('f32')]);
        if (op === 5) return this.node(ty, 'select($0, $1, $2)', [e('f32'), e('f32'), e('bool')]);
        if (op === 6) return this.node(ty, 'f32($0 & 65535u)', [e('u32')]);
        if (op === 7) return this.node(ty, 'f32(clamp($0, -4096i, 4096i))', [e('i32')]);
        return this.node(ty, 'clamp($0, -3.0f, 5.5f)', [e('f32')]);
      }
      case 'bool': {
        const op = this.int(6);
        if (op === 0)
          return this.node(ty, this.pick(['($0 && $1)', '($0 || $1)', '($0 != $1)']), [e('bool'), e('bool')]);
        if (op === 1) return this.node(ty, '(!$0)', [e('bool')]);
        const t = this.pick(['i32', 'u32', 'f32'] as const);
        const cmp = this.pick(['<', '<=', '==', '!=', '>', '>=']);
        if (op === 5)
          return this.node(ty, this.pick(['all($0 == $1)', 'any($0 < $1)']), [
            e('vec2<i32>'),
            e('vec2<i32>'),
          ]);
        return this.node(ty, `($0 ${cmp} $1)`, [e(t), e(t)]);
      }
      case 'vec2<i32>': {
        const op = this.int(7);
        if (op < 2)
          return this.node(
            ty,
            this.pick(['($0 + $1)', '($0 * $1)', '($0 ^ $1)', 'min($0, $1)', '($0 / $1)', '($0 % $1)']),
            [e(ty), this.runtime(ty)],
          );
        if (op === 2) return this.node(ty, 'vec2<i32>($0, $1)', [e('i32'), e('i32')]);
        if (op === 3) return this.node(ty, this.pick(['$0.yx', 'abs($0)', '(-$0)', '(~$0)']), [e(ty)]);
        if (op === 4) return this.node(ty, '($0 * $1)', [e(ty), e('i32')]);
        if (op === 5) return this.node(ty, 'select($0, $1, $2)', [e(ty), e(ty), e('bool')]);
        return this.node(ty, 'vec2<i32>(unpack4xI8($0).xw)', [e('u32')]);
      }
      case 'vec4<u32>': {
        const op = this.int(6);
        if (op < 2)
          return this.node(
            ty,
            this.pick(['($0 + $1)', '($0 - $1)', '($0 & $1)', 'max($0, $1)', '($0 >> ($1 & vec4u(31u)))']),
            [e(ty), e(ty)],
          );
        if (op === 2)
          return this.node(
            ty,
            this.pick(['countOneBits($0)', 'reverseBits($0)', '$0.wzyx', 'firstLeadingBit($0)']),
            [e(ty)],
          );
        if (op === 3) return this.node(ty, 'unpack4xU8($0)', [e('u32')]);
        if (op === 4) return this.node(ty, 'vec4<u32>($0, $1, $0, $1)', [e('u32'), e('u32')]);
        return this.node(ty, 'vec4<u32>($0.xy, bitcast<vec2<u32>>($1))', [e(ty), e('vec2<i32>')]);
      }
    }
  }

  private intExpr(ty: 'i32' | 'u32', d: number): Expr {
    const e = (t: Ty) => this.expr(t, d);
    const op = this.int(16);
    const same = [e(ty), e(ty)];
    if (op < 4) return this.node(ty, `($0 ${this.pick(['+', '-', '*', '&', '|', '^'])} $1)`, same);
    // Division and remainder: the divisor is never a const (a const zero divisor is an error).
    if (op === 4) return this.node(ty, `($0 ${this.pick(['/', '%'])} $1)`, [e(ty), this.runtime(ty)]);
    if (op === 5)
      return this.node(ty, `($0 ${this.pick(['<<', '>>'])} ($1 & 31u))`, [e(ty), this.runtime('u32')]);
    if (op === 6) return this.node(ty, `($0 ${this.pick(['<<', '>>'])} ${this.int(32)}u)`, [e(ty)]);
    if (op === 7) return this.node(ty, this.pick(['min($0, $1)', 'max($0, $1)']), same);
    if (op === 8) {
      const [lo, hi] = ty === 'i32' ? ['-100i', '1000i'] : ['3u', '70000u'];
      return this.node(ty, `clamp($0, ${lo}, ${hi})`, [e(ty)]);
    }
    if (op === 9)
      return this.node(
        ty,
        this.pick([
          'countOneBits($0)',
          'reverseBits($0)',
          'countLeadingZeros($0)',
          'countTrailingZeros($0)',
          'firstLeadingBit($0)',
          'firstTrailingBit($0)',
          '(~$0)',
        ]),
        [e(ty)],
      );
    if (op === 10) {
      const o = this.int(32);
      const c = this.int(33 - o);
      return this.chance(0.5)
        ? this.node(ty, `extractBits($0, ${o}u, ${c}u)`, [e(ty)])
        : this.node(ty, `insertBits($0, $1, ${o}u, ${c}u)`, [e(ty), e(ty)]);
    }
    if (op === 11) return this.node(ty, 'select($0, $1, $2)', [e(ty), e(ty), e('bool')]);
    if (op === 12) {
      if (ty === 'i32')
        return this.node(ty, this.pick(['abs($0)', '(-$0)', 'bitcast<i32>($0)', 'i32($0)']), [
          this.pick([e('i32'), e('i32')]),
        ]);
      return this.node(ty, this.pick(['u32($0)', 'bitcast<u32>($0)']), [e('i32')]);
    }
    if (op === 13) {
      // Float to int of a small exact value: saturating, WGSL §15.7.6; no NaN/inf can reach it.
      const f = this.expr('f32', 1);
      return this.node(ty, ty === 'i32' ? 'i32($0)' : 'u32($0)', [f]);
    }
    if (op === 14) {
      const v = this.expr('vec2<i32>', d);
      if (ty === 'i32')
        return this.node(ty, this.pick(['dot($0, $0.yx)', '$0.y', '$0[$1 & 1u]']), [v, this.runtime('u32')]);
      return this.node(
        ty,
        this.pick([
          'pack4xI8(vec4<i32>($0, $0))',
          'pack4xI8Clamp(vec4<i32>($0.yx, $0))',
          'dot4U8Packed($1, $1 ^ 0x5a5a5a5au)',
          'pack4x8snorm(vec4<f32>(f32($0.x & 7) * 0.25f - 0.25f, 0.5f, -0.75f, f32($0.y & 3) * 0.125f))',
          'pack4x8unorm(vec4<f32>(f32($0.x & 7) * 0.25f, 0.5f, 1.0f, f32($0.y & 3) * 0.125f))',
        ]),
        [v, this.runtime('u32')],
      );
    }
    // Calls: helpers take a pointer to a local var (function address space) and change it.
    const hs = this.inHelper ? [] : this.helpers.filter((h) => h.ty === ty);
    const targets = this.visible().filter((v) => v.ty === 'i32' && v.lhs && /^v\d+$/.test(v.lhs));
    if (hs.length) {
      const h = this.pick(hs);
      if (h.ptr) {
        if (!targets.length) return this.runtime(ty);
        return this.node(ty, `${h.name}(&${this.pick(targets).lhs}, $0)`, [e(ty)]);
      }
      return this.node(ty, `${h.name}($0, $1)`, same);
    }
    return this.node(ty, 'select($1, $0, $0 > $1)', same);
  }

  // ---- abstract const-expressions ----------------------------------------------------------------

  private absInt(depth: number): { text: string; v: bigint } | undefined {
    if (depth > 0 && this.chance(0.2)) return this.absIntBuiltin(depth - 1);
    if (depth <= 0 || this.chance(0.3)) {
      if (this.absVecs.length && this.chance(0.2)) {
        const c = this.pick(this.absVecs);
        const k = this.int(c.vs.length);
        return { text: `${c.name}.${'xyzw'[k]}`, v: c.vs[k]! };
      }
      if (this.absConsts.length && this.chance(0.3)) {
        const c = this.pick(this.absConsts);
        return { text: c.name, v: c.v };
      }
      const v = this.pick([
        0n,
        1n,
        3n,
        255n,
        0x7fffffffn,
        0x80000000n,
        0xffffffffn,
        (1n << 40n) + 3n,
        (1n << 53n) + 1n,
        1n << 62n,
        0x123456789abcdefn,
      ]);
      const neg = this.chance(0.3);
      return neg ? { text: `(-${v})`, v: -v } : { text: `${v}`, v };
    }
    const a = this.absInt(depth - 1);
    const b = this.absInt(depth - 1);
    if (!a || !b) return undefined;
    const op = this.pick(['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '~']);
    let v: bigint;
    const s = BigInt(this.int(63));
    switch (op) {
      case '+':
        v = a.v + b.v;
        break;
      case '-':
        v = a.v - b.v;
        break;
      case '*':
        v = a.v * b.v;
        break;
      case '/':
      case '%':
        if (b.v === 0n || (a.v === I64_MIN && b.v === -1n)) return undefined;
        v = op === '/' ? a.v / b.v : a.v % b.v; // BigInt truncates, as WGSL does
        break;
      case '&':
        v = a.v & b.v;
        break;
      case '|':
        v = a.v | b.v;
        break;
      case '^':
        v = a.v ^ b.v;
        break;
      case '<<': {
        v = a.v << s;
        // AbstractInt `<<` is an error when bits shifted out differ from the result's sign (§8.9).
        if (v >> s !== a.v || v < I64_MIN || v > I64_MAX || v < 0n !== a.v < 0n) return undefined;
        return { text: `(${a.text} << ${s})`, v };
      }
      case '>>':
        return { text: `(${a.text} >> ${s})`, v: a.v >> s };
      default:
        return { text: `(~${a.text})`, v: ~a.v };
    }
    if (v < I64_MIN || v > I64_MAX) return undefined;
    return { text: `(${a.text} ${op} ${b.text})`, v };
  }

  /**
   * An AbstractInt through a const vector or a const built-in (WGSL §8.5.1 swizzles, §17 built-ins
   * marked @const): a component or swizzle of a vector constructor, min/max/abs/clamp/select, and dot
   * of two vectors, each product and sum kept in i64 as const evaluation requires.
   */
  private absIntBuiltin(depth: number): { text: string; v: bigint } | undefined {
    const a = this.absInt(depth);
    const b = this.absInt(depth);
    if (!a || !b) return undefined;
    const inI64 = (v: bigint) => v >= I64_MIN && v <= I64_MAX;
    switch (this.int(10)) {
      case 0: {
        const xs = [a, b, ...(this.chance(0.5) ? [this.absInt(0)] : [])];
        if (xs.some((x) => !x)) return undefined;
        const parts = xs as { text: string; v: bigint }[];
        const k = this.int(parts.length);
        const comps = 'xyzw'.slice(0, parts.length);
        // Either `.k` directly or through a reversed swizzle (`.zyx.x` is `.z`).
        if (this.chance(0.5))
          return {
            text: `vec${parts.length}(${parts.map((p) => p.text).join(', ')}).${comps[k]}`,
            v: parts[k]!.v,
          };
        const rev = [...comps].reverse().join('');
        return {
          text: `vec${parts.length}(${parts.map((p) => p.text).join(', ')}).${rev}.${comps[parts.length - 1 - k]}`,
          v: parts[k]!.v,
        };
      }
      case 1:
        return { text: `max(${a.text}, ${b.text})`, v: bigMax(a.v, b.v) };
      case 2:
        return { text: `min(${a.text}, ${b.text})`, v: bigMin(a.v, b.v) };
      case 3: {
        const v = a.v < 0n ? -a.v : a.v;
        return inI64(v) ? { text: `abs(${a.text})`, v } : undefined;
      }
      case 4: {
        const [lo, hi] = a.v <= b.v ? [a, b] : [b, a];
        const x = this.absInt(0);
        if (!x) return undefined;
        const v = bigMin(bigMax(x.v, lo.v), hi.v);
        return { text: `clamp(${x.text}, ${lo.text}, ${hi.text})`, v };
      }
      case 5:
        return { text: `select(${a.text}, ${b.text}, ${a.text} < ${b.text})`, v: bigMax(a.v, b.v) };
      case 6: {
        // Vector operators fold lane by lane (WGSL §8.7), each lane checked for i64 overflow.
        const c = this.absInt(0);
        if (!c || !inI64(b.v + c.v)) return undefined;
        return { text: `(vec2(${a.text}, ${b.text}) + vec2(0, ${c.text})).y`, v: b.v + c.v };
      }
      case 7: {
        const c = this.absInt(0);
        if (!c) return undefined;
        return { text: `max(vec2(${a.text}, ${b.text}), vec2(${c.text})).y`, v: bigMax(b.v, c.v) };
      }
      case 8:
        return { text: `sign(${a.text})`, v: a.v > 0n ? 1n : a.v < 0n ? -1n : 0n };
      default: {
        const c = this.absInt(0);
        const d = this.absInt(0);
        if (!c || !d) return undefined;
        const p = a.v * c.v;
        const q = b.v * d.v;
        if (!inI64(p) || !inI64(q) || !inI64(p + q)) return undefined;
        return { text: `dot(vec2(${a.text}, ${b.text}), vec2(${c.text}, ${d.text}))`, v: p + q };
      }
    }
  }

  /** AbstractFloat: whole numbers and quarters, kept where doubles hold them exactly. */
  private absFloat(depth: number): { text: string; v: number } | undefined {
    if (depth > 0 && this.chance(0.15)) return this.absFloatBuiltin(depth - 1);
    if (depth <= 0 || this.chance(0.3)) {
      const v = this.pick([0.25, 1, 3, 16777216, 16777217, 33554435, 2 ** 40 + 1, -0.5, 1e10]);
      return { text: v < 0 ? `(${v})` : Number.isInteger(v) ? `${v}.0` : `${v}`, v };
    }
    const a = this.absFloat(depth - 1);
    const b = this.absFloat(depth - 1);
    if (!a || !b) return undefined;
    const op = this.pick(['+', '-', '*']);
    const v = op === '+' ? a.v + b.v : op === '-' ? a.v - b.v : a.v * b.v;
    const exact =
      op === '*'
        ? Number.isInteger(a.v) && Number.isInteger(b.v) && Math.abs(v) < 2 ** 50
        : Math.abs(v) < 2 ** 48;
    return exact ? { text: `(${a.text} ${op} ${b.text})`, v } : undefined;
  }

  /**
   * An AbstractFloat through a @const numeric built-in folded in f64 (WGSL §17.5), only where the
   * result is exact (quarters and whole numbers; sqrt of an exact square) and not -0, so every
   * correct evaluator agrees bit for bit.
   */
  private absFloatBuiltin(depth: number): { text: string; v: number } | undefined {
    const a = this.absFloat(depth);
    if (!a) return undefined;
    const fns: [string, (x: number) => number][] = [
      ['floor', Math.floor],
      ['ceil', Math.ceil],
      ['trunc', Math.trunc],
      ['abs', Math.abs],
      ['fract', (x) => x - Math.floor(x)],
      ['saturate', (x) => Math.min(Math.max(x, 0), 1)],
    ];
    if (Math.abs(a.v) < 2 ** 24 && this.chance(0.2)) {
      const v = Math.abs(a.v);
      return { text: `sqrt(${a.text} * ${a.text})`, v };
    }
    const [name, f] = this.pick(fns);
    const v = f(a.v);
    return Object.is(v, -0) ? undefined : { text: `${name}(${a.text})`, v };
  }

  /** `const` declarations of abstract values, at module scope (`module`) or in the body. */
  private absConst(module: boolean): Stmt | undefined {
    const name = module ? `${P}K${this.names++}` : this.fresh();
    if (module && this.chance(0.3)) {
      const xs = [this.absInt(1), this.absInt(1), this.absInt(1)].slice(0, 2 + this.int(2));
      // The full 64-bit range: every use reads a component, which folds, so the vector stays abstract.
      if (xs.some((x) => !x)) return undefined;
      const parts = xs as { text: string; v: bigint }[];
      this.module.push(`const ${name} = vec${parts.length}(${parts.map((p) => p.text).join(', ')});`);
      this.absVecs.push({ name, vs: parts.map((p) => p.v) });
      return undefined;
    }
    if (this.chance(0.6)) {
      const a = this.absInt(3);
      if (!a) return undefined;
      if (module) this.module.push(`const ${name} = ${a.text};`);
      this.absConsts.push({ name, v: a.v });
      return module ? undefined : { k: 'decl', kw: 'const', name, init: this.leaf('i32', a.text, true) };
    }
    const f = this.absFloat(3);
    if (!f) return undefined;
    if (module) this.module.push(`const ${name} = ${f.text};`);
    this.absFloats.push({ name, v: f.v });
    return module ? undefined : { k: 'decl', kw: 'const', name, init: this.leaf('f32', f.text, true) };
  }

  // ---- statements ---------------------------------------------------------------------------------

  private declName(): string {
    // Shadow an outer declaration now and then (never a loop counter: `continuing` reads it).
    if (this.scopes.length > 1 && this.chance(0.3)) {
      const current = this.scopes[this.scopes.length - 1]!;
      const outer = this.visible()
        .filter(
          (v) => /^v\d+$/.test(v.read) && !v.konst && !current.has(v.read) && !this.loopVars.includes(v.read),
        )
        .map((v) => v.read);
      if (outer.length) return this.pick(outer);
    }
    return this.fresh();
  }

  private stmt(depth: number): Stmt[] {
    const tys: Ty[] = ['i32', 'u32', 'f32', 'bool', 'vec2<i32>', 'vec4<u32>'];
    const k = this.int(depth > 0 ? 15 : 8);
    const vars = this.visible().filter((v) => v.lhs);
    if (k === 0 || k === 1) {
      const ty = this.pick(tys);
      const kw = this.pick(['let', 'var', 'var'] as const);
      const init = this.store(this.expr(ty, 3));
      const name = this.declName();
      const s: Stmt = { k: 'decl', kw, name, init, ...(this.chance(0.5) ? { ty } : {}) };
      this.declare(name, { read: name, ty, konst: false, ...(kw === 'var' ? { lhs: name } : {}) });
      return [s];
    }
    if (k === 2 && vars.length) {
      const v = this.pick(vars);
      if ((v.ty === 'vec2<i32>' || v.ty === 'vec4<u32>') && this.chance(0.5)) return [this.swizzleAssign(v)];
      const ints = v.ty === 'i32' || v.ty === 'u32';
      const op = ints
        ? this.pick(['=', '+=', '-=', '*=', '^=', '|='])
        : v.ty === 'vec2<i32>'
          ? this.pick(['=', '+='])
          : '=';
      return [{ k: 'assign', lhs: v.lhs!, op, rhs: this.store(this.expr(v.ty, 3)) }];
    }
    if (k === 3) {
      return [
        {
          k: 'raw',
          text: 'mem[MEMBASE + ($_ & 7u)] = $_;',
          args: [this.expr('u32', 2), this.expr('i32', 2)],
        },
      ];
    }
    if (k === 4 && !this.inHelper) {
      const c = this.absConst(false);
      if (c?.k === 'decl' && c.init) {
        this.declare(c.name, { read: c.name, ty: c.init.ty, konst: true });
        return [c];
      }
    }
    if (k === 5) return this.arrayOrStruct();
    if (k === 6 && this.loops > 0) {
      return [
        {
          k: 'if',
          cond: this.expr('bool', 2),
          yes: [{ k: 'raw', text: this.pick(['break;', 'continue;']), args: [] }],
          els: [],
        },
      ];
    }
    if (k < 8 || depth <= 0 || this.chance(0.15)) return [{ k: 'record', e: this.expr(this.pick(tys), 3) }];
    const inner = () => this.withScope(() => this.block(depth - 1, 1 + this.int(3)));
    if (k === 8 || k === 9)
      return [{ k: 'if', cond: this.expr('bool', 3), yes: inner(), els: this.chance(0.5) ? inner() : [] }];
    if (k === 10 || k === 11) {
      const v = `l${this.names++}`;
      const n = 1 + this.int(4);
      this.loops++;
      this.loopVars.push(v);
      const body = this.withScope(() => {
        this.declare(v, { read: v, ty: 'u32', konst: false });
        return this.block(depth - 1, 1 + this.int(4));
      });
      this.loopVars.pop();
      this.loops--;
      return [{ k: 'loop', form: this.pick(['for', 'while', 'loop'] as const), v, n, body }];
    }
    if (k === 12) {
      const labels = [...new Set([this.int(4), this.int(4), this.int(6) - 1])];
      const cases = labels.map((l) => ({ labels: [`${l}`], body: inner() }));
      cases.splice(this.int(cases.length + 1), 0, {
        labels: this.chance(0.5) ? ['default'] : ['9', 'default'],
        body: inner(),
      });
      const sel = this.chance(0.5)
        ? this.expr('i32', 2)
        : this.node('i32', '($0 % 5i)', [this.expr('i32', 2)]);
      return [{ k: 'switch', sel, cases }];
    }
    if (k === 13 && !this.inHelper && this.chance(0.2)) {
      return [
        { k: 'if', cond: this.expr('bool', 2), yes: [{ k: 'raw', text: 'return;', args: [] }], els: [] },
      ];
    }
    return [{ k: 'block', body: inner() }];
  }

  private arrayOrStruct(): Stmt[] {
    const name = this.declName();
    if (this.chance(0.5)) {
      // Initialized explicitly: Chromium does not re-zero `var a: T;` in a loop body on each
      // iteration (compiler/corpus/browser-divergent.json, 143-loop-var-implicit-zero).
      const s: Stmt = {
        k: 'decl',
        kw: 'var',
        name,
        ty: 'array<i32, 4>',
        init: this.leaf('i32', 'array<i32, 4>()', true),
      };
      this.declare(name, { read: `${name}[0]`, ty: 'i32', konst: false });
      const idx = this.node('i32', '($0 & 3i)', [this.expr('i32', 1)]);
      const idx2 = this.node('u32', '($0 % 4u)', [this.expr('u32', 1)]);
      return [
        s,
        { k: 'raw', text: `${name}[$_] = $_;`, args: [idx, this.expr('i32', 2)] },
        { k: 'record', e: this.node('i32', `${name}[$0]`, [idx2]) },
      ];
    }
    const s: Stmt = {
      k: 'decl',
      kw: 'var',
      name,
      ty: `${P}S`,
      init: this.node('i32', `${P}S($0, $1, $2)`, [
        this.expr('i32', 2),
        this.expr('u32', 2),
        this.expr('vec2<i32>', 1),
      ]),
    };
    this.declare(`${name}.a`, { read: `${name}.a`, lhs: `${name}.a`, ty: 'i32', konst: false });
    this.declare(`${name}.c`, { read: `${name}.c`, lhs: `${name}.c`, ty: 'vec2<i32>', konst: false });
    this.declare(name, { read: `${name}.b`, lhs: `${name}.b`, ty: 'u32', konst: false });
    return [s];
  }

  /** An assignment to a swizzle of vector variable `v` (swizzle-targets.ts). */
  private swizzleAssign(v: Var): Stmt {
    const t = swizzleTarget(v.ty as 'vec2<i32>' | 'vec4<u32>', (n) => this.int(n));
    const op =
      t.ty === 'vec4<u32>'
        ? '='
        : t.ty === 'vec2<i32>'
          ? this.pick(['=', '+='])
          : this.pick(['=', '+=', '-=', '*=', '^=', '|=']);
    const rhs = this.store(this.expr(t.ty, 3));
    if (t.kind === 'swizzle') return { k: 'assign', lhs: `${v.lhs}${t.suffix}`, op, rhs };
    return {
      k: 'raw',
      text: `${v.lhs}.${t.perm}[($_) & ${t.mask}u] ${op} $_;`,
      args: [this.expr('u32', 2), rhs],
    };
  }

  block(depth: number, n: number): Stmt[] {
    const out: Stmt[] = [];
    for (let i = 0; i < n; i++) out.push(...this.stmt(depth));
    return out;
  }

  helper(i: number): void {
    const ptr = this.chance(0.6);
    const ty = ptr ? 'i32' : this.pick(['i32', 'u32'] as const);
    const name = `${P}f${i}`;
    this.inHelper = true;
    const { body, result } = this.withScope(() => {
      if (ptr) {
        this.declare('p', { read: '(*p)', lhs: '*p', ty: 'i32', konst: false });
        this.declare('x', { read: 'x', ty: 'i32', konst: false });
      } else {
        this.declare('x', { read: 'x', ty, konst: false });
        this.declare('y', { read: 'y', ty, konst: false });
      }
      const body = this.block(1, 1 + this.int(3));
      if (ptr) body.push({ k: 'assign', lhs: '*p', op: '+=', rhs: this.expr('i32', 1) });
      return { body, result: this.expr(ty, 2) };
    });
    this.inHelper = false;
    // Records in helpers would land in slots that depend on the call count: keep them out.
    const clean = stripRecords(body);
    this.helpersOut.push({
      name,
      params: ptr ? 'p: ptr<function, i32>, x: i32' : `x: ${ty}, y: ${ty}`,
      ret: ty,
      body: clean,
      result,
    });
    this.helpers.push({ name, ptr, ty });
  }
  readonly helpersOut: Program['helpers'] = [];

  program(): Program {
    this.module.push(`struct ${P}S { a: i32, b: u32, c: vec2<i32> }`);
    for (let i = this.int(3); i > 0; i--) this.absConst(true);
    if (this.chance(0.5)) {
      this.module.push(`var<private> ${P}g: i32 = 5;`);
      this.declare(`${P}g`, { read: `${P}g`, lhs: `${P}g`, ty: 'i32', konst: false });
    }
    for (let i = this.int(3); i > 0; i--) this.helper(i);
    const body = this.withScope(() => {
      const b = this.block(3, 6 + this.int(8));
      // Every variable still in scope at the end is recorded, so no computed state goes unchecked.
      for (const v of this.scopes[this.scopes.length - 1]!.values())
        if (!v.konst) b.push({ k: 'record', e: this.leaf(v.ty, v.read, false) });
      return b;
    });
    return { module: this.module, helpers: this.helpersOut, body };
  }
}

function stripRecords(body: Stmt[]): Stmt[] {
  return body
    .filter((s) => s.k !== 'record')
    .map((s) => {
      switch (s.k) {
        case 'if':
          return { ...s, yes: stripRecords(s.yes), els: stripRecords(s.els) };
        case 'loop':
        case 'block':
          return { ...s, body: stripRecords(s.body) };
        case 'switch':
          return { ...s, cases: s.cases.map((c) => ({ ...c, body: stripRecords(c.body) })) };
        default:
          return s;
      }
    });
}

/** Program number `seed`: the same seed always gives the same program. */
export function generateProgram(seed: number): Program {
  return new Gen(seed).program();
}
