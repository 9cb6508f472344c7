/** Code-only links: any valid workload survives the URL fragment exactly; damage is reported. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWorkload, type Workload } from '../../core/workload';
import { decodeWorkloadFragment, encodeWorkloadFragment } from './fragment';
import { fromWire, toWire } from './wire';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const ident = fc.stringMatching(/^[a-z_][a-z0-9_]{0,12}$/);
const init = fc.oneof(
  fc.constant('zeros' as const),
  finite.map((fill) => ({ fill })),
  fc.record({ start: finite, step: finite }).map((iota) => ({ iota })),
  fc
    .record({ seed: fc.nat({ max: 0xffffffff }), a: finite, b: finite })
    .map(({ seed, a, b }) => ({ random: { seed, min: Math.min(a, b), max: Math.max(a, b) } })),
  fc.array(finite, { maxLength: 8 }).map((data) => ({ data })),
);

const workloadArb = fc
  .record({
    name: fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }),
    wgsl: fc.string({ minLength: 1, maxLength: 400, unit: 'binary' }),
    entryPoint: ident,
    dispatch: fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 64 }), fc.constant(1)),
    overrides: fc.dictionary(ident, finite, { maxKeys: 3 }),
    init,
    length: fc.integer({ min: 8, max: 1 << 20 }),
    fields: fc.dictionary(ident, fc.oneof(finite, fc.array(finite, { minLength: 2, maxLength: 4 })), {
      maxKeys: 4,
    }),
    tolerance: fc.option(fc.record({ ulp: fc.nat(64), abs: fc.double({ min: 0, max: 1, noNaN: true }) }), {
      nil: undefined,
    }),
    runs: fc.record({ warmup: fc.nat(20), samples: fc.integer({ min: 1, max: 100 }) }),
  })
  .map((r): unknown => ({
    name: r.name,
    wgsl: r.wgsl,
    entryPoint: r.entryPoint,
    overrides: r.overrides,
    dispatch: r.dispatch,
    bindings: [
      { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: r.fields },
      {
        group: 0,
        binding: 1,
        name: 'x',
        kind: 'storage-read',
        element: 'f32',
        length: r.length,
        init: r.init,
      },
      {
        group: 0,
        binding: 2,
        name: 'y',
        kind: 'storage',
        element: 'f32',
        length: r.length,
        output: true,
        ...(r.tolerance ? { tolerance: r.tolerance } : {}),
      },
    ],
    runs: r.runs,
  }))
  .filter((w) => parseWorkload(w).ok)
  .map((w) => (parseWorkload(w) as { ok: true; workload: Workload }).workload);

describe('workload fragment links', () => {
  it('round-trips every valid workload exactly (-0, unicode and lone surrogates included)', () => {
    fc.assert(
      fc.property(workloadArb, (w) => {
        const fragment = encodeWorkloadFragment(w);
        expect(fragment).toMatch(/^w=[A-Za-z0-9+\-$]*$/);
        const back = decodeWorkloadFragment(`#${fragment}`);
        expect(back).toEqual({ ok: true, workload: w });
        // Stable: decoding and encoding again gives the same link.
        expect(encodeWorkloadFragment((back as { workload: Workload }).workload)).toBe(fragment);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps -0 apart from 0', () => {
    const w = parseWorkload({
      name: 'z',
      wgsl: 'x',
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 'y',
          kind: 'storage',
          element: 'f32',
          length: 1,
          init: { fill: -0 },
          output: true,
        },
      ],
    });
    if (!w.ok) throw new Error('fixture');
    const back = decodeWorkloadFragment(encodeWorkloadFragment(w.workload));
    expect(back.ok && Object.is((back.workload.bindings[0]!.init as { fill: number }).fill, -0)).toBe(true);
  });

  it('reports a damaged link and an invalid workload with field paths; other fragments are absent', () => {
    expect(decodeWorkloadFragment('#w=%%%not-lz')).toMatchObject({ ok: false, issues: [{ path: '(link)' }] });
    expect(decodeWorkloadFragment('#section-2')).toMatchObject({ ok: false, absent: true });
    expect(decodeWorkloadFragment('')).toMatchObject({ ok: false, absent: true });
    const w = {
      name: 'bad',
      wgsl: 'x',
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [
        { group: 0, binding: 0, name: 'y', kind: 'storage', element: 'f32', length: 0, output: true },
      ],
    };
    const r = decodeWorkloadFragment(encodeWorkloadFragment(w as unknown as Workload));
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toContain('bindings[0].length');
  });
});

describe('wire JSON', () => {
  it('survives JSON for any JSON-like value with special numbers and marker-shaped objects', () => {
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.double(),
        fc.string(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('$num', '$obj', 'a', 'b'), tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(fromWire(JSON.parse(JSON.stringify(toWire(v))))).toEqual(v);
      }),
      { numRuns: 500 },
    );
  });
});
