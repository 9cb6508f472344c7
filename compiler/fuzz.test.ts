import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translate } from './index';
import { CASES } from './testdata/cases';
import { ADVERSARIAL_NAMES, adversarialProgram } from './testing/adversarial-names';

const SEEDS = [
  ...CASES.map((c) => c.wgsl),
  readFileSync(join(__dirname, 'testdata', 'saxpy.wgsl'), 'utf8'),
  readFileSync(join(__dirname, 'testdata', 'reduce.wgsl'), 'utf8'),
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
  'true',
  'atomic<u32>',
  'ptr<function, u32>',
  'workgroupBarrier()',
  'atomicAdd',
  'select',
  'arrayLength',
  'bitcast<u32>',
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
