/**
 * Subgroup and quad operations as data (WGSL subgroups extension: §17.12 "Subgroup Built-in
 * Functions", https://www.w3.org/TR/WGSL/#subgroup-builtin-functions, and §17.13 "Quad Operations",
 * https://www.w3.org/TR/WGSL/#quad-builtin-functions). Every name of the family needs
 * `enable subgroups;` (checked by builtins.ts before this table is read); every call is a collective
 * with effects of its own. Both targets run 32-lane subgroups.
 */
import {
  BOOL,
  concretizeDefault,
  isBool,
  isIntKind,
  type ScalarKind,
  scalarOf,
  type Type,
  vec,
} from '../types';
import { type BuiltinCall, type BuiltinFn, bad, table, unsupportedOn } from './builtin-rules';

const NUMERIC: ScalarKind[] = ['i32', 'u32', 'f32'];

/** The value operand: a concrete scalar or vector of one of `kinds` (f16 is not translated yet). */
function value(c: BuiltinCall, t: Type | undefined, kinds: ScalarKind[]): Type {
  const v = t && concretizeDefault(t);
  if (!v || (v.k !== 'scalar' && v.k !== 'vec')) return bad(c);
  const s = scalarOf(v)!;
  if (s === 'f16') unsupportedOn(c, 'on f16 values');
  if (!kinds.includes(s)) bad(c);
  return v;
}

/** A lane index or mask: an integer scalar. */
function laneArg(c: BuiltinCall, t: Type | undefined): void {
  if (t?.k !== 'scalar' || !isIntKind(t.s)) bad(c);
}

const boolScalar = (c: BuiltinCall): void => {
  const t = c.ts[0];
  if (!t || !isBool(t) || t.k !== 'scalar') bad(c);
};

const SUBGROUP = '#subgroup-builtin-functions';
const QUAD = '#quad-builtin-functions';
const op = (spec: string, arity: number, result: BuiltinFn['result']): BuiltinFn => ({
  spec,
  arity,
  sideEffects: true,
  result,
});
/** T → T for T of `kinds`. */
const reduce = (spec: string, kinds: ScalarKind[]) => op(spec, 1, (c) => value(c, c.ts[0], kinds));
/** (T, lane) → T. */
const shuffle = (spec: string) =>
  op(spec, 2, (c) => {
    laneArg(c, c.ts[1]);
    return value(c, c.ts[0], NUMERIC);
  });

export const SUBGROUP_BUILTINS = table([
  [
    // biome-ignore format: the spec's list
    ['subgroupAdd', 'subgroupMul', 'subgroupMin', 'subgroupMax', 'subgroupExclusiveAdd', 'subgroupInclusiveAdd',
     'subgroupExclusiveMul', 'subgroupInclusiveMul', 'subgroupBroadcastFirst'],
    reduce(SUBGROUP, NUMERIC),
  ],
  [['subgroupAnd', 'subgroupOr', 'subgroupXor'], reduce(SUBGROUP, ['i32', 'u32'])],
  [['quadSwapX', 'quadSwapY', 'quadSwapDiagonal'], reduce(QUAD, NUMERIC)],
  [
    [
      'subgroupBroadcast',
      'subgroupShuffle',
      'subgroupShuffleXor',
      'subgroupShuffleUp',
      'subgroupShuffleDown',
    ],
    shuffle(SUBGROUP),
  ],
  [['quadBroadcast'], shuffle(QUAD)],
  [
    ['subgroupBallot'],
    op(SUBGROUP, 1, (c) => {
      boolScalar(c);
      return vec(4, 'u32');
    }),
  ],
  [['subgroupElect'], op(SUBGROUP, 0, () => BOOL)],
  [
    ['subgroupAll', 'subgroupAny'],
    op(SUBGROUP, 1, (c) => {
      boolScalar(c);
      return BOOL;
    }),
  ],
]);
