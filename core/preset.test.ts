import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkParam,
  defaultParams,
  ExpressionError,
  evaluate,
  expressionNames,
  PresetError,
  parseExpression,
  parsePreset,
  presetScope,
  resolvePreset,
} from './preset';

const WGSL = '@compute @workgroup_size(256) fn main() {}';

/** A SAXPY-shaped preset; `patch` replaces parts of it. */
function preset(patch: Record<string, unknown> = {}) {
  return {
    title: 'SAXPY',
    summary: 'y = a·x + y',
    category: 'basics',
    tags: [],
    params: {
      N: { default: 65536, min: 1, max: 16776960, description: 'elements' },
      A: { default: 2.5, min: -10, max: 10, integer: false, description: 'scalar' },
    },
    workload: {
      name: 'saxpy',
      wgslFile: 'saxpy.wgsl',
      entryPoint: 'main',
      dispatch: ['ceil(N / 256)', 1, 1],
      bindings: [
        { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: { n: 'N', a: 'A' } },
        {
          group: 0,
          binding: 1,
          name: 'x',
          kind: 'storage-read',
          element: 'f32',
          length: 'N',
          init: { random: { seed: 1, min: '-abs(A)', max: 'abs(A)' } },
        },
        {
          group: 0,
          binding: 2,
          name: 'y',
          kind: 'storage',
          element: 'f32',
          length: 'N',
          init: 'zeros',
          output: true,
        },
      ],
    },
    metrics: { bytes: '12 * N', flops: '2 * N' },
    ...patch,
  };
}

describe('expressions', () => {
  it('follows the usual precedence and associativity', () => {
    expect(evaluate('1 + 2 * 3')).toBe(7);
    expect(evaluate('(1 + 2) * 3')).toBe(9);
    expect(evaluate('10 - 4 - 3')).toBe(3);
    expect(evaluate('64 / 4 / 2')).toBe(8);
    expect(evaluate('7 % 4 * 2')).toBe(6);
    expect(evaluate('2 ** 3 ** 2')).toBe(512); // right-associative
    expect(evaluate('-2 ** 2')).toBe(-4); // ** binds tighter than unary minus on its left
    expect(evaluate('2 ** -1')).toBe(0.5);
    expect(evaluate('--3')).toBe(3);
    expect(evaluate('+4')).toBe(4);
    expect(evaluate(' 1.5e3 + .5 ')).toBe(1500.5);
    expect(evaluate(42)).toBe(42);
  });

  it('knows the functions and the names in scope', () => {
    const scope = { N: 1000, W: 37 };
    expect(evaluate('ceil(N / 256)', scope)).toBe(4);
    expect(evaluate('floor(N / 256)', scope)).toBe(3);
    expect(evaluate('min(N, W, 5)', scope)).toBe(5);
    expect(evaluate('max(N, W)', scope)).toBe(1000);
    expect(evaluate('log2(65536)')).toBe(16);
    expect(evaluate('sqrt(W * W)', scope)).toBe(37);
    expect(evaluate('abs(-3) + round(2.5)')).toBe(6);
    expect(expressionNames('ceil(N / 256) * W + N').sort()).toEqual(['N', 'W']);
  });

  it('rejects malformed expressions with the column of the problem', () => {
    const bad: [string, RegExp][] = [
      ['', /empty expression/],
      ['1 +', /unexpected end/],
      ['(1 + 2', /expected '\)'/],
      ['1 2', /unexpected '2' at column 3/],
      ['N $ 2', /unexpected character '\$' at column 3/],
      ['foo(1)', /unknown function 'foo'/],
      ['constructor(1)', /unknown function 'constructor'/],
      ['min()', /min\(\) takes 1 to 64 arguments, got 0/],
      ['ceil(1, 2)', /ceil\(\) takes 1 argument, got 2/],
      ['M + 1', /unknown name 'M' at column 1 \(known: N\)/],
      ['toString', /unknown name 'toString'/],
      ['1 / 0', /division by zero/],
      ['5 % 0', /remainder by zero/],
      ['10 ** 400', /evaluates to Infinity/],
      ['sqrt(-1)', /evaluates to NaN/],
      ['*2', /unexpected '\*'/],
      ['(', /unexpected end/],
    ];
    for (const [src, msg] of bad) {
      expect(() => evaluate(src, { N: 1 }), src).toThrow(ExpressionError);
      expect(() => evaluate(src, { N: 1 }), src).toThrow(msg);
    }
    expect(() => parseExpression('('.repeat(200) + '1' + ')'.repeat(200))).toThrow(/nested too deeply/);
    expect(() => evaluate(Number.NaN)).toThrow(ExpressionError);
  });

  it('never evaluates code: no eval, Function or property access', () => {
    expect(() => evaluate('globalThis')).toThrow(/unknown name/);
    expect(() => evaluate('process.exit(1)')).toThrow(/unexpected character '\.'|unexpected/);
    expect(() => evaluate('"1"')).toThrow(/unexpected character/);
    expect(() => evaluate('N[0]', { N: 1 })).toThrow(/unexpected character '\['/);
  });

  it('agrees with JavaScript arithmetic on random expression trees', () => {
    // Build random expressions as (source, value) pairs and compare.
    const leaf = fc.oneof(
      fc.integer({ min: 0, max: 1000 }).map((v) => [String(v), v] as const),
      fc.constant(['N', 37] as const),
    );
    const expr = fc.letrec<{ e: readonly [string, number] }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc
          .tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e'))
          .map(
            ([[a, x], op, [b, y]]) =>
              [`(${a}) ${op} (${b})`, op === '+' ? x + y : op === '-' ? x - y : x * y] as const,
          ),
        tie('e').map(([a, x]) => [`max(${a}, 3)`, Math.max(x, 3)] as const),
        tie('e').map(([a, x]) => [`-(${a})`, -x] as const),
      ),
    })).e;
    fc.assert(
      fc.property(expr, ([src, value]) => {
        expect(evaluate(src, { N: 37 })).toBe(value);
      }),
    );
  });

  it('tokenizes anything without crashing: a value or an ExpressionError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        try {
          expect(Number.isFinite(evaluate(s, { N: 3 }))).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(ExpressionError);
        }
      }),
    );
  });
});

describe('parameters', () => {
  const spec = { default: 8, min: 2, max: 1024, description: 'x' };
  it('checks range, integrality, powers of two and multiples', () => {
    expect(checkParam('N', spec, 8)).toBeNull();
    expect(checkParam('N', spec, 1)).toBe('N = 1 is outside 2…1024');
    expect(checkParam('N', spec, 2.5)).toBe('N = 2.5 must be a whole number');
    expect(checkParam('N', { ...spec, integer: false }, 2.5)).toBeNull();
    expect(checkParam('N', { ...spec, powerOfTwo: true }, 12)).toBe('N = 12 must be a power of two');
    expect(checkParam('N', { ...spec, powerOfTwo: true }, 16)).toBeNull();
    expect(checkParam('N', { ...spec, multipleOf: 4 }, 10)).toBe('N = 10 must be a multiple of 4');
    expect(checkParam('N', spec, Number.NaN)).toBe('N must be a finite number');
  });

  it('fills defaults, evaluates derived names in order and rejects unknown parameters', () => {
    const p = preset({ derived: { B: 'ceil(N / 256)', B2: 'B * 2' } });
    expect(defaultParams(p)).toEqual({ N: 65536, A: 2.5 });
    expect(presetScope(resolvable(p), { N: 1000 })).toEqual({ N: 1000, A: 2.5, B: 4, B2: 8 });
    expect(() => presetScope(resolvable(p), { M: 3 })).toThrow('unknown parameter "M" (known: N, A)');
    expect(() => presetScope(resolvable(p), { N: 0 })).toThrow(PresetError);
  });
});

/** presetScope takes a parsed preset; the literal above is one once zod has seen it. */
function resolvable(p: ReturnType<typeof preset>) {
  return p as unknown as Parameters<typeof presetScope>[0];
}

describe('resolvePreset', () => {
  it('turns every expression into a number and keeps names as names', () => {
    const w = resolvePreset(preset(), WGSL, { N: 1000, A: -0.5 });
    expect(w.wgsl).toBe(WGSL);
    expect(w).not.toHaveProperty('wgslFile');
    expect(w.dispatch).toEqual([4, 1, 1]);
    expect(w.bindings[0]!.fields).toEqual({ n: 1000, a: -0.5 });
    expect(w.bindings[1]!.length).toBe(1000);
    expect(w.bindings[1]!.init).toEqual({ random: { seed: 1, min: -0.5, max: 0.5 } });
    expect(w.bindings[2]!.init).toBe('zeros');
    expect(w.bindings[2]!.kind).toBe('storage');
    expect(w.metrics).toEqual({ bytes: 12000, flops: 2000 });
    expect(w.runs).toEqual({ warmup: 2, samples: 10 });
  });

  it('unrolls nested for blocks in passes, with loop variables in scope', () => {
    const p = preset({
      params: { N: { default: 8, min: 2, max: 1024, powerOfTwo: true, description: 'keys' } },
      workload: {
        name: 'bitonic',
        passes: [
          {
            for: 's',
            from: 1,
            to: 'log2(N)',
            passes: [
              {
                for: 't',
                from: 1,
                to: 's',
                passes: [
                  {
                    entryPoint: 'main',
                    dispatch: ['ceil(N / 256)', 1, 1],
                    fields: { params: { k: '2 ** s', j: '2 ** (s - t)' } },
                  },
                ],
              },
            ],
          },
          { entryPoint: 'done', dispatch: [1, 1, 1], swap: ['keys', 'tmp'] },
        ],
        bindings: [
          { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: { n: 'N', k: 0, j: 0 } },
          { group: 0, binding: 1, name: 'keys', kind: 'storage', element: 'u32', length: 'N', output: true },
          { group: 0, binding: 2, name: 'tmp', kind: 'storage', element: 'u32', length: 'N' },
        ],
      },
      metrics: undefined,
    });
    const w = resolvePreset(p, WGSL, { N: 8 });
    const kj = w.passes!.slice(0, -1).map((x) => [x.fields!.params!.k, x.fields!.params!.j]);
    expect(kj).toEqual([
      [2, 1],
      [4, 2],
      [4, 1],
      [8, 4],
      [8, 2],
      [8, 1],
    ]);
    expect(w.passes!.at(-1)).toEqual({ entryPoint: 'done', dispatch: [1, 1, 1], swap: ['keys', 'tmp'] });
    expect(w.metrics).toBeUndefined();
    // An empty range (GENS − 1 = 0 for one generation) contributes no passes.
    const once = resolvePreset(
      preset({
        workload: {
          ...preset().workload,
          entryPoint: undefined,
          dispatch: undefined,
          passes: [
            { for: 'g', from: 1, to: 'N - N', passes: [{ entryPoint: 'main', dispatch: [1, 1, 1] }] },
            { entryPoint: 'last', dispatch: [1, 1, 1] },
          ],
        },
      }),
      WGSL,
    );
    expect(once.passes!.map((x) => x.entryPoint)).toEqual(['last']);
  });

  it('names the field and the expression when evaluation fails', () => {
    const p = preset();
    p.workload.bindings[1]!.length = 'N * M';
    const err = (() => {
      try {
        resolvePreset(p, WGSL);
      } catch (e) {
        return e as PresetError;
      }
    })();
    expect(err).toBeInstanceOf(PresetError);
    expect(err!.message).toBe(
      `workload.bindings[1].length: cannot evaluate "N * M": unknown name 'M' at column 5 (known: N, A)`,
    );
    expect(err!.path).toBe('workload.bindings[1].length');
    expect(err!.expression).toBe('N * M');
  });

  it('names the field and the expression when the result does not validate', () => {
    const p = preset();
    p.workload.dispatch = ['N / 256', 1, 1];
    expect(() => resolvePreset(p, WGSL, { N: 1000 })).toThrow(
      'invalid workload: dispatch[0]: Invalid input: expected int, received number (3.90625 from "N / 256" with N=1000, A=2.5)',
    );
    const q = preset();
    q.workload.bindings[1]!.length = 'N - 65536';
    expect(() => resolvePreset(q, WGSL)).toThrow(
      /bindings\[1\]\.length: .*\(0 from "N - 65536" with N=65536/,
    );
  });

  it('accepts a "$schema" for editors and drops it', () => {
    const p = parsePreset({ $schema: '../../schemas/preset.schema.json', ...preset() });
    expect(p).not.toHaveProperty('$schema');
    expect(p.title).toBe('SAXPY');
    expect(() => parsePreset({ $schema: null, ...preset() })).toThrow(/invalid preset: \$schema/);
  });

  it('rejects bad presets and bad for blocks clearly', () => {
    expect(() => resolvePreset({ ...preset(), colour: 'red' }, WGSL)).toThrow(/invalid preset: /);
    expect(() => resolvePreset(preset({ category: 'misc' }), WGSL)).toThrow(/invalid preset: category/);
    const loop = (block: Record<string, unknown>) =>
      preset({
        workload: { ...preset().workload, entryPoint: undefined, dispatch: undefined, passes: [block] },
      });
    expect(() => resolvePreset(loop({ for: 'N', to: 2, passes: [] }), WGSL)).toThrow(/"N" is already a name/);
    expect(() => resolvePreset(loop({ for: 'i', to: 2 }), WGSL)).toThrow(/needs a passes list/);
    expect(() => resolvePreset(loop({ for: 'i', to: 2, passes: [], step: 2 }), WGSL)).toThrow(/unknown key/);
    expect(() => resolvePreset(loop({ for: 'i', to: 'N / 3', passes: [] }), WGSL)).toThrow(/whole numbers/);
    expect(() =>
      resolvePreset(loop({ for: 'i', to: 'N', passes: [{ entryPoint: 'main', dispatch: [1, 1, 1] }] }), WGSL),
    ).toThrow(/more than 4096 passes/);
  });

  it('always yields a valid workload for parameters in range (property)', () => {
    const p = preset({ derived: { B: 'ceil(N / 256)' } });
    (p.workload.bindings as unknown[]).push({
      group: 0,
      binding: 3,
      name: 'partials',
      kind: 'storage',
      element: 'f32',
      length: 'B',
      init: 'zeros',
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16776960 }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        (n, a) => {
          const w = resolvePreset(p, WGSL, { N: n, A: a });
          expect(w.dispatch![0]).toBe(Math.ceil(n / 256));
          expect(w.dispatch![0] * 256).toBeGreaterThanOrEqual(n);
          expect(w.bindings[3]!.length).toBe(Math.ceil(n / 256));
        },
      ),
    );
  });
});

describe('texture bindings in presets', () => {
  it('keeps dimension, access and every sampler value as names; sizes are expressions', () => {
    const p = parsePreset(
      preset({
        workload: {
          name: 'tex',
          wgslFile: 'tex.wgsl',
          entryPoint: 'main',
          dispatch: ['ceil(N / 256)', 1, 1],
          bindings: [
            {
              group: 0,
              binding: 0,
              name: 'src',
              kind: 'texture',
              format: 'r32float',
              size: ['N / 256', 2, 3],
              dimension: '3d',
            },
            {
              group: 0,
              binding: 1,
              name: 'smp',
              kind: 'sampler',
              sampler: { filter: 'nearest', addressMode: { u: 'repeat' } },
            },
            {
              group: 0,
              binding: 2,
              name: 'dst',
              kind: 'storage-texture',
              format: 'r32float',
              size: [4, 4],
              access: 'read-write',
              output: true,
            },
          ],
        },
      }),
    );
    const w = resolvePreset(p, WGSL, { N: 1024 });
    expect(w.bindings[0]).toMatchObject({ size: [4, 2, 3], dimension: '3d' });
    expect(w.bindings[1]).toMatchObject({ sampler: { filter: 'nearest', addressMode: { u: 'repeat' } } });
    expect(w.bindings[2]).toMatchObject({ access: 'read-write' });
  });
});
