/**
 * The built-in functions Duet translates, as data (WGSL spec §17 "Built-in Functions",
 * https://www.w3.org/TR/WGSL/#builtin-functions): name → arity, overload rule, effects, spec anchor.
 * builtins.ts resolves a call against this table; subgroup operations have their own table
 * (subgroup-table.ts) because the whole family needs `enable subgroups;`. Constant folding of the
 * few built-ins it folds lives in consteval.ts. A name not here is an unknown function.
 */
import { fail } from '../../diagnostics';
import {
  BOOL,
  canConvert,
  concretizeDefault,
  F32,
  I32,
  isBool,
  isIntKind,
  isU32Like,
  type StructType,
  scalar,
  scalarOf,
  type Type,
  typeName,
  U32,
  unifyTypes,
  VOID,
  vec,
  withScalar,
} from '../types';
import {
  type BuiltinCall,
  type BuiltinFn,
  bad,
  float,
  floatOfAll,
  floatOfFirst,
  numeric,
  numericOfAll,
  packs,
  same,
  table,
  unpacks,
  unsupportedOn,
} from './builtin-rules';

const NUMERIC = '#numeric-builtin-functions';

/** Integer T → T (AbstractInt becomes i32): the bit-counting functions. */
const intKeep = (c: BuiltinCall): Type => {
  const s = numeric(c, c.ts[0]);
  if (!isIntKind(s)) bad(c);
  return s === 'abstract-int' ? withScalar(c.ts[0]!, 'i32') : c.ts[0]!;
};

/** `modf` / `frexp` on f32 or vecN<f32>: the spec's result structs (__modf_result_f32, …). */
const splitResult = (c: BuiltinCall): Type => {
  const t0 = c.ts[0]!;
  const shape: Type = t0.k === 'vec' ? vec(t0.n, 'f32') : F32;
  if (!canConvert(t0, shape)) unsupportedOn(c, `on ${typeName(t0)} (only f32 and vectors of f32)`);
  const n = shape.k === 'vec' ? `vec${shape.n}_` : '';
  const second =
    c.name === 'modf'
      ? { name: 'whole', type: shape }
      : { name: 'exp', type: shape.k === 'vec' ? vec(shape.n, 'i32') : I32 };
  const t: StructType = {
    k: 'struct',
    name: `__${c.name}_result_${n}f32`,
    members: [{ name: 'fract', type: shape }, second],
  };
  return t;
};

/** `bitcast<T>(e)`: T and e's concrete type have the same size and are numeric (WGSL §17.2). */
const bitcast = (c: BuiltinCall): Type => {
  if (c.targs?.length !== 1) fail(c.pos, 'bitcast needs a target type: bitcast<T>(e)');
  const to = c.resolveType(c.targs[0]!);
  const from = concretizeDefault(c.ts[0]!);
  const size = (t: Type): number =>
    t.k === 'scalar' ? (t.s === 'f16' ? 2 : 4) : t.k === 'vec' ? t.n * (t.e === 'f16' ? 2 : 4) : -1;
  if (size(to) <= 0 || size(to) !== size(from) || scalarOf(to) === 'bool' || scalarOf(from) === 'bool')
    bad(c);
  return to;
};

/** The atomic functions: the arguments after the pointer convert to its element (WGSL §17.8). */
const atomic = (c: BuiltinCall): Type => {
  // builtins.ts has checked the first argument already (`atomicPointer`).
  const p = c.ts[0] as Extract<Type, { k: 'ptr' }> & { store: { k: 'atomic' } };
  const el = scalar(p.store.e);
  for (const t of c.ts.slice(1)) if (!canConvert(t, el)) bad(c);
  if (p.access === 'read') fail(c.pos, `'${c.name}' needs read_write access`);
  if (c.name === 'atomicStore') return VOID;
  if (c.name !== 'atomicCompareExchangeWeak') return el;
  const t: StructType = {
    k: 'struct',
    name: `__atomic_compare_exchange_result_${el.s}`,
    members: [
      { name: 'old_value', type: el },
      { name: 'exchanged', type: BOOL },
    ],
  };
  return t;
};

const ATOMIC = (arity: number): BuiltinFn => ({
  spec: '#atomic-builtin-functions',
  arity,
  atomicPointer: true,
  sideEffects: true,
  result: atomic,
});

export const BUILTINS = table([
  // §17.2 Bit reinterpretation.
  [['bitcast'], { spec: '#bitcast-builtin', arity: 1, result: bitcast, resultIsTarg: true }],

  // §17.3 Logical built-in functions.
  [
    ['all', 'any'],
    { spec: '#logical-builtin-functions', arity: 1, result: (c) => (isBool(c.ts[0]!) ? BOOL : bad(c)) },
  ],
  [
    ['select'],
    {
      spec: '#logical-builtin-functions',
      arity: 3,
      result: (c) => {
        const t = unifyTypes(c.ts[0]!, c.ts[1]!);
        const cond = c.ts[2]!;
        if (!t || !isBool(cond)) bad(c);
        if (cond.k === 'vec' && (t!.k !== 'vec' || t!.n !== cond.n)) bad(c);
        return t!;
      },
    },
  ],

  // §17.4 Array built-in functions: the length of a runtime-sized array, through its pointer.
  [
    ['arrayLength'],
    {
      spec: '#array-builtin-functions',
      arity: 1,
      result: (c) => {
        const p = c.ts[0]!;
        return p.k === 'ptr' && p.store.k === 'array' && p.store.count === null ? U32 : bad(c);
      },
    },
  ],

  // §17.5 Numeric built-in functions.
  [
    ['abs', 'sign'],
    {
      spec: NUMERIC,
      arity: 1,
      result: (c) => {
        const s = numeric(c, c.ts[0]);
        if (c.name === 'sign' && s === 'u32') bad(c);
        return c.ts[0]!;
      },
    },
  ],
  [
    // biome-ignore format: one name per column reads as the spec's list
    ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'ceil', 'cos', 'cosh', 'degrees', 'exp', 'exp2',
     'floor', 'fract', 'inverseSqrt', 'log', 'log2', 'radians', 'round', 'saturate', 'sin', 'sinh', 'sqrt',
     'tan', 'tanh', 'trunc', 'quantizeToF16'],
    { spec: NUMERIC, arity: 1, result: floatOfFirst },
  ],
  [['atan2', 'pow', 'step'], { spec: NUMERIC, arity: 2, result: floatOfAll }],
  [['min', 'max'], { spec: NUMERIC, arity: 2, result: numericOfAll }],
  [['clamp'], { spec: NUMERIC, arity: 3, result: numericOfAll }],
  [['fma', 'smoothstep'], { spec: NUMERIC, arity: 3, result: floatOfAll }],
  [
    ['mix'],
    {
      spec: NUMERIC,
      arity: 3,
      result: (c) => {
        // mix(vecN<T>, vecN<T>, T): a scalar blend factor for every component.
        if (c.ts[0]!.k === 'vec' && c.ts[2]!.k === 'scalar') {
          const t = unifyTypes(c.ts[0]!, c.ts[1]!);
          if (!t) bad(c);
          return float(c, t!);
        }
        return floatOfAll(c);
      },
    },
  ],
  [['ldexp'], { spec: NUMERIC, arity: 2, result: floatOfFirst }],
  [
    ['dot'],
    {
      spec: NUMERIC,
      arity: 2,
      result: (c) => {
        const t = same(c);
        if (t.k !== 'vec' || t.e === 'bool') bad(c);
        return scalar(t.e);
      },
    },
  ],
  [
    ['cross'],
    {
      spec: NUMERIC,
      arity: 2,
      result: (c) => {
        const t = floatOfAll(c);
        return t.k === 'vec' && t.n === 3 ? t : bad(c);
      },
    },
  ],
  [['length'], { spec: NUMERIC, arity: 1, result: (c) => scalar(scalarOf(floatOfAll(c))!) }],
  [['distance'], { spec: NUMERIC, arity: 2, result: (c) => scalar(scalarOf(floatOfAll(c))!) }],
  [
    ['normalize'],
    { spec: NUMERIC, arity: 1, result: (c) => (c.ts[0]!.k === 'vec' ? floatOfFirst(c) : bad(c)) },
  ],
  [['reflect'], { spec: NUMERIC, arity: 2, result: (c) => floatVec(c, floatOfAll(c)) }],
  [['faceForward'], { spec: NUMERIC, arity: 3, result: (c) => floatVec(c, floatOfAll(c)) }],
  [
    ['refract'],
    {
      spec: NUMERIC,
      arity: 3,
      result: (c) => {
        const t = unifyTypes(c.ts[0]!, c.ts[1]!);
        if (t?.k !== 'vec') bad(c);
        return float(c, t!);
      },
    },
  ],
  [
    ['determinant'],
    {
      spec: NUMERIC,
      arity: 1,
      result: (c) => {
        const m = c.ts[0]!;
        if (m.k !== 'mat' || m.c !== m.r) bad(c);
        if (scalarOf(m) === 'f16') unsupportedOn(c, 'on f16');
        return scalar(scalarOf(m)!);
      },
    },
  ],
  [
    ['transpose'],
    {
      spec: NUMERIC,
      arity: 1,
      result: (c) => {
        const m = c.ts[0]!;
        return m.k === 'mat' ? { k: 'mat', c: m.r, r: m.c, e: m.e } : bad(c);
      },
    },
  ],
  [
    [
      'countOneBits',
      'countLeadingZeros',
      'countTrailingZeros',
      'reverseBits',
      'firstLeadingBit',
      'firstTrailingBit',
    ],
    { spec: NUMERIC, arity: 1, result: intKeep },
  ],
  [
    ['extractBits'],
    {
      spec: NUMERIC,
      arity: 3,
      result: (c) => {
        if (!isU32Like(c.ts[1]!) || !isU32Like(c.ts[2]!)) bad(c);
        return intKeep(c);
      },
    },
  ],
  [
    ['insertBits'],
    {
      spec: NUMERIC,
      arity: 4,
      result: (c) => {
        const u = unifyTypes(c.ts[0]!, c.ts[1]!);
        if (!u || !isIntKind(numeric(c, u)) || !isU32Like(c.ts[2]!) || !isU32Like(c.ts[3]!)) bad(c);
        return concretizeDefault(u!);
      },
    },
  ],
  [['modf', 'frexp'], { spec: NUMERIC, arity: 1, result: splitResult }],

  // §17.8 Atomic built-in functions: a pointer to an atomic, then values of its element type.
  [['atomicLoad'], ATOMIC(1)],
  [
    [
      'atomicStore',
      'atomicAdd',
      'atomicSub',
      'atomicMax',
      'atomicMin',
      'atomicAnd',
      'atomicOr',
      'atomicXor',
      'atomicExchange',
    ],
    ATOMIC(2),
  ],
  [['atomicCompareExchangeWeak'], ATOMIC(3)],

  // §17.9 Data packing built-in functions.
  [
    ['pack4x8snorm', 'pack4x8unorm'],
    { spec: '#pack-builtin-functions', arity: 1, result: packs(vec(4, 'f32')) },
  ],
  [
    ['pack2x16snorm', 'pack2x16unorm', 'pack2x16float'],
    { spec: '#pack-builtin-functions', arity: 1, result: packs(vec(2, 'f32')) },
  ],
  [
    ['pack4xI8', 'pack4xI8Clamp'],
    { spec: '#pack-builtin-functions', arity: 1, result: packs(vec(4, 'i32')) },
  ],
  [
    ['pack4xU8', 'pack4xU8Clamp'],
    { spec: '#pack-builtin-functions', arity: 1, result: packs(vec(4, 'u32')) },
  ],

  // §17.10 Data unpacking built-in functions.
  [
    ['unpack4x8snorm', 'unpack4x8unorm'],
    { spec: '#unpack-builtin-functions', arity: 1, result: unpacks(vec(4, 'f32')) },
  ],
  [
    ['unpack2x16snorm', 'unpack2x16unorm', 'unpack2x16float'],
    { spec: '#unpack-builtin-functions', arity: 1, result: unpacks(vec(2, 'f32')) },
  ],
  [['unpack4xI8'], { spec: '#unpack-builtin-functions', arity: 1, result: unpacks(vec(4, 'i32')) }],
  [['unpack4xU8'], { spec: '#unpack-builtin-functions', arity: 1, result: unpacks(vec(4, 'u32')) }],
  // Packed 4×8-bit dot products (WGSL language feature packed_4x8_integer_dot_product).
  [
    ['dot4U8Packed', 'dot4I8Packed'],
    {
      spec: NUMERIC,
      arity: 2,
      result: (c) => {
        if (!isU32Like(c.ts[0]!) || !isU32Like(c.ts[1]!)) bad(c);
        return c.name === 'dot4U8Packed' ? U32 : I32;
      },
    },
  ],

  // §17.11 Synchronization built-in functions.
  [
    ['workgroupBarrier', 'storageBarrier', 'textureBarrier'],
    { spec: '#sync-builtin-functions', arity: 0, sideEffects: true, barrier: true, result: () => VOID },
  ],
  [
    ['workgroupUniformLoad'],
    {
      spec: '#sync-builtin-functions',
      arity: 1,
      sideEffects: true,
      barrier: true,
      result: (c) => {
        const p = c.ts[0]!;
        if (p.k !== 'ptr' || p.space !== 'workgroup') bad(c);
        const store = (p as { store: Type }).store;
        // The atomic overload loads atomically and returns T (WGSL section 17.12.2).
        return store.k === 'atomic' ? scalar(store.e) : store;
      },
    },
  ],
]);

/** A floating-point vector (reflect, faceForward). */
function floatVec(c: BuiltinCall, t: Type): Type {
  return t.k === 'vec' ? t : bad(c);
}
