import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translate } from './index';
import { CASES } from './testdata/cases';
import { ADVERSARIAL_NAMES, adversarialProgram } from './testkit/adversarial-names';

const SEEDS = [
  ...CASES.map((c) => c.wgsl),
  readFileSync(join(__dirname, 'testdata', 'saxpy.wgsl'), 'utf8'),
  readFileSync(join(__dirname, 'testdata', 'reduce.wgsl'), 'utf8'),
  // Textures, samplers and their built-ins (issue 20).
  readFileSync(join(__dirname, 'testdata', 'textures.wgsl'), 'utf8'),
  // Programs whose names collide after translation, to mutate as well (issue 19).
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((seed) => adversarialProgram(seed).wgsl),
];

const TOKENS = [
  'fn',
  'let',
  'var',
  'const',
  'override',
  'struct',
  'loop',
  'continuing',
  'break',
  'if',
  'else',
  'for',
  'while',
  'switch',
  'case',
  'default',
  'return',
  'continue',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '<',
  '>',
  '>>',
  '<<',
  ',',
  ';',
  ':',
  '.',
  '=',
  '+=',
  '++',
  '-',
  '*',
  '&',
  '@compute',
  '@workgroup_size(1)',
  '@group(0)',
  '@binding(0)',
  'var<storage, read_write>',
  'array<u32>',
  'vec3<f32>',
  'mat2x2f',
  'u32',
  'i32',
  'f32',
  'f16',
  'bool',
  'x',
  'y',
  'main',
  '1',
  '1u',
  '-2147483648',
  '0x7fffffff',
  '1.5',
  '1e40',
  // Issue 20's numeric forms: AbstractInt past 2^32 and 2^53 and at i64's edge, run-time abstract
  // floats, inferred module-scope variables, tie-rounding packs, structs of a runtime-sized array.
  '4294967296',
  '9007199254740991',
  '9223372036854775807',
  '3037000499',
  '2.5',
  '-3.75',
  'var<private>',
  'pack4x8snorm',
  'pack2x16snorm',
  'struct S { a: array<u32> }',
  'true',
  'atomic<u32>',
  'ptr<function, u32>',
  'workgroupBarrier()',
  'atomicAdd',
  'select',
  'arrayLength',
  'bitcast<u32>',
  // Textures and samplers (issue 20): types, handles, built-ins, offsets at and past the edge.
  'texture_2d<f32>',
  'texture_2d_array<u32>',
  'texture_storage_2d<rgba8unorm, write>',
  'texture_storage_2d_array<r32uint, read_write>',
  'texture_cube<f32>',
  'texture_depth_2d_array',
  'texture_depth_cube',
  'sampler_comparison',
  'textureSampleCompareLevel',
  'textureGatherCompare',
  'vec3f(0.0)',
  'sampler',
  'textureLoad',
  'textureStore',
  'textureSampleLevel',
  'textureGather',
  'textureDimensions',
  'textureNumLayers',
  'vec2(-9, 8)',
  'vec2(7, -8)',
  '\n',
  ' ',
  // Names that met after the old renaming or equal generated ones (issue 19).
  ...ADVERSARIAL_NAMES,
];

/** Every outcome is either code or positioned diagnostics inside the source; nothing throws. */
function checkOutcome(source: string): void {
  const r = translate(source, { file: 'fuzz.wgsl', target: 'cuda' });
  const lines = source.split('\n').length;
  if (r.ok) {
    expect(r.code.length).toBeGreaterThan(0);
    return;
  }
  expect(r.diagnostics.length).toBeGreaterThan(0);
  for (const d of r.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines);
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(d.message).not.toMatch(/internal translator error/);
  }
}

describe('random and mutated WGSL yields code or diagnostics, never an exception', () => {
  it('token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), (toks) => {
        checkOutcome(toks.join(' '));
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('mutated valid kernels (delete, insert, replace a span)', () => {
    const mutation = fc.record({
      seed: fc.nat(SEEDS.length - 1),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      len: fc.nat(8),
      insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })),
    });
    fc.assert(
      fc.property(mutation, ({ seed, at, len, insert }) => {
        const s = SEEDS[seed]!;
        const i = Math.floor(at * s.length);
        checkOutcome(s.slice(0, i) + insert + s.slice(i + len));
      }),
      { numRuns: 600, seed: 7 },
    );
  });

  it('programs with adversarial names always translate, for both targets', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom('cuda' as const, 'cpu' as const), (seed, target) => {
        const p = adversarialProgram(seed);
        const r = translate(p.wgsl, { file: 'fuzz.wgsl', target });
        expect(r.ok, `${p.wgsl}\n${r.ok ? '' : JSON.stringify(r.diagnostics)}`).toBe(true);
      }),
      { numRuns: 300, seed: 19 },
    );
  });
});

/**
 * Differential: random AbstractInt const-expressions (WGSL §6.1, §8.7) against a BigInt reference. Each
 * folds to one u32 literal, the expression's value mod 2^32; a step outside i64, or a division by zero,
 * must be a diagnostic (issue 20: these were folded in doubles, and `& | ^` in 32 bits).
 */
type IntTree = { leaf: bigint } | { op: string; l: IntTree; r: IntTree };
const LEAVES = [
  0n,
  1n,
  2n,
  3n,
  7n,
  255n,
  4294967295n,
  4294967296n,
  3037000499n,
  9007199254740991n,
  2n ** 62n,
];
const intTree: fc.Arbitrary<IntTree> = fc.letrec<{ t: IntTree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ leaf: fc.oneof(fc.constantFrom(...LEAVES), fc.bigInt(-(2n ** 63n) + 1n, 2n ** 63n - 1n)) }),
    fc.record({ op: fc.constantFrom('+', '-', '*', '/', '%', '&', '|', '^'), l: tie('t'), r: tie('t') }),
  ),
})).t;
const I64 = [-(2n ** 63n), 2n ** 63n - 1n] as const;
function reference(t: IntTree): bigint | undefined {
  if ('leaf' in t) return t.leaf;
  const a = reference(t.l);
  const b = reference(t.r);
  if (a === undefined || b === undefined) return undefined;
  if ((t.op === '/' || t.op === '%') && b === 0n) return undefined;
  const ops: Record<string, (x: bigint, y: bigint) => bigint> = {
    '+': (x, y) => x + y,
    '-': (x, y) => x - y,
    '*': (x, y) => x * y,
    '/': (x, y) => x / y,
    '%': (x, y) => x % y,
    '&': (x, y) => x & y,
    '|': (x, y) => x | y,
    '^': (x, y) => x ^ y,
  };
  const v = ops[t.op]!(a, b);
  return v < I64[0] || v > I64[1] ? undefined : v;
}
const render = (t: IntTree): string =>
  'leaf' in t ? (t.leaf < 0n ? `(-${-t.leaf})` : `${t.leaf}`) : `(${render(t.l)} ${t.op} ${render(t.r)})`;

describe('AbstractInt const-expressions fold exactly (BigInt reference)', () => {
  it('random trees of + - * / % & | ^ over values past 2^32, 2^53 and near i64', () => {
    fc.assert(
      fc.property(intTree, (t) => {
        const want = reference(t);
        const src = `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1) fn main() { out[0] = u32(((${render(t)}) % 4294967296 + 4294967296) % 4294967296); }`;
        const r = translate(src, { file: 'k.wgsl', target: 'cpu' });
        if (want === undefined) {
          expect(r.ok).toBe(false);
          return;
        }
        if (!r.ok) throw new Error(`${render(t)}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
        const u = ((want % 4294967296n) + 4294967296n) % 4294967296n;
        expect(r.code).toContain(`ctx.out[0] = ${u}u;`);
      }),
      { numRuns: 300 },
    );
  });
});
