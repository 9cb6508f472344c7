/**
 * Constant folding of WGSL's @const built-in functions (WGSL §17.5 numeric, §17.9/§17.10 packing) on
 * scalars and vectors, component-wise where the spec says so. AbstractFloat is evaluated in f64, f32
 * and f16 are rounded after each step, AbstractInt is exact. A call WGSL gives no value in a
 * const-expression is `{ error }`: an argument outside the function's domain (sqrt of a negative, log
 * of zero…, WGSL §15.7.6 allows no NaN or infinity in a const-expression), a result that is not finite, smoothstep with low == high, extractBits/insertBits
 * past 32 bits. A call this folder does not know is `undefined` (left to run time), never a guess.
 */

import { bitLane, type Lane, packValue, unpackValue } from './const-bits';
import { ldexp } from './const-float-parts';
import { determinant, transpose } from './const-matrix';
import { abstractInt, type ConstValue, isNum, roundFloat, type Typed, toNumber } from './const-value';
import { isFloatKind, type ScalarKind, unifyScalar } from './types';

export type Folded = Typed | { error: string } | undefined;

const isError = (v: unknown): v is { error: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'error' in v;

const kindName = (k: ScalarKind) => (k === 'abstract-float' ? 'AbstractFloat' : k);

/** Float functions of one argument: the value in f64, and the domain where WGSL defines it. */
const FLOAT1: Record<string, [(x: number) => number, ((x: number) => boolean)?, string?]> = {
  acos: [Math.acos, (x) => Math.abs(x) <= 1, '[-1, 1]'],
  asin: [Math.asin, (x) => Math.abs(x) <= 1, '[-1, 1]'],
  acosh: [Math.acosh, (x) => x >= 1, '>= 1'],
  asinh: [Math.asinh],
  atan: [Math.atan],
  atanh: [Math.atanh, (x) => Math.abs(x) < 1, '(-1, 1)'],
  cos: [Math.cos],
  cosh: [Math.cosh],
  sin: [Math.sin],
  sinh: [Math.sinh],
  tan: [Math.tan],
  tanh: [Math.tanh],
  ceil: [Math.ceil],
  floor: [Math.floor],
  trunc: [Math.trunc],
  round: [roundHalfEven],
  fract: [(x) => x - Math.floor(x)],
  degrees: [(x) => (x * 180) / Math.PI],
  radians: [(x) => (x * Math.PI) / 180],
  exp: [Math.exp],
  exp2: [(x) => 2 ** x],
  log: [Math.log, (x) => x > 0, '> 0'],
  log2: [Math.log2, (x) => x > 0, '> 0'],
  sqrt: [Math.sqrt, (x) => x >= 0, '>= 0'],
  inverseSqrt: [(x) => 1 / Math.sqrt(x), (x) => x > 0, '> 0'],
  saturate: [(x) => Math.min(Math.max(x, 0), 1)],
};

/** WGSL §17.5.37 round: to the nearest integer, a tie to the even one. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
}

const BIT_FNS = new Set([
  'countOneBits',
  'reverseBits',
  'countLeadingZeros',
  'countTrailingZeros',
  'firstLeadingBit',
  'firstTrailingBit',
  'extractBits',
  'insertBits',
]);

/** The number of lanes the arguments share (0: all scalars), or undefined when their sizes differ. */
function laneCount(args: Typed[]): number | undefined {
  let n = 0;
  for (const a of args) {
    if (!Array.isArray(a.value)) continue;
    if (n && a.value.length !== n) return undefined;
    n = a.value.length;
  }
  return n;
}

const laneOf = (a: Typed, i: number): ConstValue => (Array.isArray(a.value) ? a.value[i]! : a.value);

/** `f` over each lane (a scalar argument is used in every lane); the first error wins. */
function componentwise(args: Typed[], kind: ScalarKind, f: (xs: ConstValue[]) => Lane): Folded {
  const n = laneCount(args);
  if (n === undefined) return undefined;
  const out: ConstValue[] = [];
  for (let i = 0; i < Math.max(n, 1); i++) {
    const v = f(args.map((a) => laneOf(a, i)));
    if (v === undefined || isError(v)) return v;
    out.push(v);
  }
  return { value: n ? out : out[0]!, kind };
}

/** The kind numeric arguments meet at (AbstractInt beside f32 is f32, WGSL §15.7.1), or undefined. */
function unified(args: Typed[]): ScalarKind | undefined {
  let k: ScalarKind | undefined = args[0]?.kind;
  for (const a of args) k = k && unifyScalar(k, a.kind);
  return k === 'bool' ? undefined : k;
}

/** A lane's number, or undefined when it is no number (an AbstractInt beyond 2^53 rounds). */
const numOf = (v: ConstValue): number | undefined => (isNum(v) ? toNumber(v) : undefined);

/** A float result of `name`: rounded to `kind`, an error when not finite. */
function floatResult(name: string, kind: ScalarKind, v: number): Lane {
  const r = roundFloat(v, kind);
  if (Number.isFinite(r)) return r;
  return {
    error: `${kindName(kind)} '${name}(…)' has no finite value in a const-expression (overflow or division by zero)`,
  };
}

/** A float function over float lanes: `f` sees the lanes rounded to `kind`, its result is rounded too. */
function floatFn(name: string, args: Typed[], f: (xs: number[]) => number | Lane): Folded {
  const k = unified(args);
  if (!k || k === 'i32' || k === 'u32') return undefined;
  const kind = k === 'abstract-int' ? 'abstract-float' : k;
  return componentwise(args, kind, (lanes) => {
    const xs = lanes.map(numOf);
    if (xs.some((x) => x === undefined)) return undefined;
    const v = f((xs as number[]).map((x) => roundFloat(x, kind)));
    return typeof v === 'number' ? floatResult(name, kind, v) : v;
  });
}

/** The larger (or smaller) of two BigInts, which Math.max and Math.min do not take. */
const pick = (a: bigint, b: bigint, larger: boolean): bigint => (a > b === larger ? a : b);

/** min, max, clamp, abs, sign: exact on integers of every kind, rounded on floats. */
function numericFn(name: string, args: Typed[]): Folded {
  const kind = unified(args);
  if (!kind) return undefined;
  if (isFloatKind(kind)) {
    const f: Record<string, (xs: number[]) => number> = {
      min: ([a, b]) => Math.min(a!, b!),
      max: ([a, b]) => Math.max(a!, b!),
      clamp: ([e, lo, hi]) => Math.min(Math.max(e!, lo!), hi!),
      abs: ([a]) => Math.abs(a!),
      sign: ([a]) => Math.sign(a!),
    };
    const g = f[name];
    return g ? floatFn(name, args, g) : undefined;
  }
  return componentwise(args, kind, (lanes) => {
    if (!lanes.every(isNum)) return undefined;
    const xs = lanes.map((v) => BigInt(v as number | bigint));
    let r: bigint;
    if (name === 'min') r = pick(xs[0]!, xs[1]!, false);
    else if (name === 'max') r = pick(xs[0]!, xs[1]!, true);
    // WGSL §17.5.13: min(max(e, low), high).
    else if (name === 'clamp') r = pick(pick(xs[0]!, xs[1]!, true), xs[2]!, false);
    else if (name === 'abs') {
      // §17.5.1: abs of the largest negative value of a signed type is that value (i32 and
      // AbstractInt alike; Chrome folds abs(-9223372036854775807 - 1) to itself).
      r = xs[0]! < 0n ? -xs[0]! : xs[0]!;
      r = BigInt.asIntN(kind === 'i32' ? 32 : 64, r);
    } else if (name === 'sign') r = xs[0]! > 0n ? 1n : xs[0]! < 0n ? -1n : 0n;
    else return undefined;
    if (kind !== 'abstract-int') return Number(r);
    const v = abstractInt(r);
    return v === undefined
      ? { error: `AbstractInt '${name}(…)' overflows 64 bits in a const-expression` }
      : v;
  });
}

/** Float functions of several arguments (WGSL §17.5). */
const FLOAT_N: Record<string, (name: string, xs: number[], kind: ScalarKind) => number | Lane> = {
  atan2: (_, [y, x]) => Math.atan2(y!, x!),
  pow: (name, [x, y]) =>
    // §17.5.36 pow(x, y) = exp2(y × log2(x)): no value for x < 0, or x = 0 with y <= 0.
    x! < 0 || (x === 0 && y! <= 0)
      ? { error: `'${name}' of (${x}, ${y}) is outside its domain in a const-expression` }
      : x! ** y!,
  step: (_, [edge, x]) => (edge! <= x! ? 1 : 0),
  fma: (_, [a, b, c], k) => roundFloat(a! * b!, k) + c!,
  mix: (_, [a, b, t], k) => roundFloat(a! * roundFloat(1 - t!, k), k) + roundFloat(b! * t!, k),
  smoothstep: (name, [lo, hi, x], k) => {
    // §17.5.43: t = clamp((x - low) / (high - low), 0, 1); t × t × (3 - 2t). low == high divides by 0.
    if (lo === hi) return { error: `'${name}' with low == high (${lo}) in a const-expression` };
    const t = Math.min(Math.max(roundFloat(roundFloat(x! - lo!, k) / roundFloat(hi! - lo!, k), k), 0), 1);
    return roundFloat(t * t, k) * roundFloat(3 - 2 * t, k);
  },
};

/** length, distance, normalize, cross, reflect: functions of whole float vectors (WGSL §17.5). */
function geometric(name: string, args: Typed[]): Folded {
  const k = unified(args);
  if (!k || k === 'i32' || k === 'u32') return undefined;
  const kind = k === 'abstract-int' ? 'abstract-float' : k;
  const vecs = args.map((a) => (Array.isArray(a.value) ? a.value : [a.value]).map(numOf));
  if (vecs.some((v) => v.some((x) => x === undefined))) return undefined;
  const [a, b] = vecs.map((v) => (v as number[]).map((x) => roundFloat(x, kind))) as [number[], number[]];
  const r = (x: number) => roundFloat(x, kind);
  const dot = (p: number[], q: number[]) => p.reduce((s, x, i) => r(s + r(x * q[i]!)), 0);
  const len = (p: number[]) => r(Math.sqrt(dot(p, p)));
  const scalarOut = (v: number): Folded => {
    const f = floatResult(name, kind, v);
    return isError(f) ? f : { value: f!, kind };
  };
  const vecOut = (v: number[]): Folded => {
    const out: number[] = [];
    for (const x of v) {
      const f = floatResult(name, kind, x);
      if (isError(f)) return f;
      out.push(f as number);
    }
    return { value: Array.isArray(args[0]!.value) ? out : out[0]!, kind };
  };
  switch (name) {
    case 'length':
      return scalarOut(len(a));
    case 'distance':
      return b && a.length === b.length ? scalarOut(len(a.map((x, i) => r(x - b[i]!)))) : undefined;
    case 'normalize': {
      const l = len(a);
      if (l === 0) return { error: `'normalize' of a zero vector has no value in a const-expression` };
      return vecOut(a.map((x) => x / l));
    }
    case 'cross':
      if (a.length !== 3 || b?.length !== 3) return undefined;
      return vecOut([
        r(a[1]! * b[2]!) - r(a[2]! * b[1]!),
        r(a[2]! * b[0]!) - r(a[0]! * b[2]!),
        r(a[0]! * b[1]!) - r(a[1]! * b[0]!),
      ]);
    case 'reflect': {
      // §17.5.38: e1 - 2 × dot(e2, e1) × e2.
      if (!b || a.length !== b.length) return undefined;
      const d = r(2 * dot(b, a));
      return vecOut(a.map((x, i) => x - r(d * b[i]!)));
    }
    case 'faceForward': {
      // §17.5.20: e1 if dot(e2, e3) < 0, else -e1.
      const c = vecs[2] as number[] | undefined;
      if (!b || !c || a.length !== b.length || b.length !== c.length) return undefined;
      const d = dot(
        b,
        c.map((x) => roundFloat(x, kind)),
      );
      return vecOut(d < 0 ? a : a.map((x) => -x));
    }
    case 'refract': {
      // §17.5.40: k = 1 - e3² (1 - dot(e2, e1)²); k < 0 gives the zero vector, else
      // e3 e1 - (e3 dot(e2, e1) + sqrt(k)) e2, each step rounded as Tint's `refract` does.
      const e3 = vecs[2]?.[0];
      if (!b || a.length !== b.length || e3 === undefined || vecs[2]!.length !== 1) return undefined;
      const eta = roundFloat(e3, kind);
      const d = dot(b, a);
      const k = r(1 - r(r(eta * eta) * r(1 - r(d * d))));
      if (k < 0) return vecOut(a.map(() => 0));
      const s = r(r(eta * d) + r(Math.sqrt(k)));
      return vecOut(a.map((x, i) => r(eta * x) - r(s * b[i]!)));
    }
    default:
      return undefined;
  }
}

/** The value of @const built-in `name` applied to `args`, `{ error }` when it has none, or undefined. */
export function foldBuiltin(name: string, args: Typed[]): Folded {
  const one = FLOAT1[name];
  if (one && args.length === 1) {
    const [f, inDomain, domain] = one;
    return floatFn(name, args, ([x]) =>
      inDomain && !inDomain(x!)
        ? { error: `'${name}' of ${x} is outside its domain (${domain}) in a const-expression` }
        : f(x!),
    );
  }
  const many = FLOAT_N[name];
  if (many) return floatFn(name, args, (xs) => many(name, xs, unified(args) ?? 'abstract-float'));
  if (['min', 'max', 'clamp', 'abs', 'sign'].includes(name)) return numericFn(name, args);
  if (['length', 'distance', 'normalize', 'cross', 'reflect', 'faceForward', 'refract'].includes(name))
    return geometric(name, args);
  if (name === 'transpose' && args.length === 1) return transpose(args[0]!);
  if (name === 'determinant' && args.length === 1) return determinant(args[0]!);
  if (name === 'ldexp' && args.length === 2) return ldexp(args[0]!, args[1]!);
  if (name === 'select' && args.length === 3) {
    const kind = unifyScalar(args[0]!.kind, args[1]!.kind);
    return kind
      ? componentwise(args, kind, ([f, t, c]) => {
          if (typeof c !== 'boolean') return undefined;
          // The chosen operand takes the kind both unify to (an AbstractInt beside an f32 is an f32).
          const v = c ? t! : f!;
          return isNum(v) && isFloatKind(kind) ? roundFloat(toNumber(v), kind) : v;
        })
      : undefined;
  }
  if ((name === 'all' || name === 'any') && args.length === 1) {
    const v = args[0]!.value;
    const lanes = Array.isArray(v) ? v : [v];
    if (!lanes.every((x) => typeof x === 'boolean')) return undefined;
    return { value: name === 'all' ? lanes.every(Boolean) : lanes.some(Boolean), kind: 'bool' };
  }
  if (name === 'quantizeToF16' && args[0]?.kind === 'f32')
    return componentwise(args, 'f32', ([x]) => floatResult(name, 'f16', numOf(x!)!));
  if (BIT_FNS.has(name)) {
    // An AbstractInt argument takes i32 (the functions have no AbstractInt overload, WGSL §15.7.1).
    const k = args[0]?.kind === 'abstract-int' ? 'i32' : args[0]?.kind;
    if (k !== 'i32' && k !== 'u32') return undefined;
    return componentwise(args, k, (lanes) => {
      const xs = lanes.map(numOf);
      return xs.every((x) => x !== undefined) ? bitLane(name, k, xs as number[]) : undefined;
    });
  }
  if (name.startsWith('pack') && args.length === 1 && Array.isArray(args[0]!.value)) {
    const xs = args[0]!.value.map(numOf);
    if (xs.some((x) => x === undefined)) return undefined;
    const v = packValue(name, xs as number[]);
    return v === undefined || isError(v) ? v : { value: v, kind: 'u32' };
  }
  if (name.startsWith('unpack') && args.length === 1 && typeof args[0]!.value === 'number') {
    const v = unpackValue(name, args[0]!.value >>> 0);
    if (!v) return undefined;
    const kind = name.endsWith('I8') ? 'i32' : name.endsWith('U8') ? 'u32' : 'f32';
    const bad = v.find((x) => !Number.isFinite(x));
    if (bad !== undefined) return { error: `'${name}(…)' has no finite value in a const-expression` };
    return { value: v, kind };
  }
  return undefined;
}
