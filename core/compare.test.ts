import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareBytes,
  compareOutputs,
  DEFAULT_TOLERANCE,
  formatTolerance,
  overallVerdict,
  resolveTolerance,
} from './compare';
import { f32ToF16Bits } from './f16';
import type { SideResult } from './result';
import { type Workload, workloadSchema } from './workload';

const f32Bytes = (values: number[]) => new Uint8Array(new Float32Array(values).buffer);
const u32Bytes = (values: number[]) => new Uint8Array(new Uint32Array(values).buffer);
const i32Bytes = (values: number[]) => new Uint8Array(new Int32Array(values).buffer);
const f16Bytes = (values: number[]) => new Uint8Array(new Uint16Array(values.map(f32ToF16Bits)).buffer);
/** f32 from its bit pattern, e.g. the next float after 1.0 is f32FromBits(0x3f800001). */
const f32FromBits = (bits: number) => new Float32Array(new Uint32Array([bits]).buffer)[0]!;
const exact = { ulp: 0, abs: 0, rel: 0 };

describe('compareBytes: floats', () => {
  it('calls identical arrays a match, with zero error', () => {
    const r = compareBytes('f32', f32Bytes([1, 2, 3]), f32Bytes([1, 2, 3]));
    expect(r.verdict).toBe('match');
    expect([r.count, r.differentCount, r.mismatchCount, r.maxAbs, r.maxUlp]).toEqual([3, 0, 0, 0, 0]);
  });

  it('treats +0 and −0 as equal and two NaNs as a match', () => {
    const nanA = new Uint8Array(new Uint32Array([0x7fc00000]).buffer);
    const nanB = new Uint8Array(new Uint32Array([0xffc00001]).buffer); // other sign and payload
    expect(compareBytes('f32', nanA, nanB).verdict).toBe('match');
    expect(compareBytes('f32', f32Bytes([0]), f32Bytes([-0]), { tolerance: exact }).verdict).toBe('match');
    expect(compareBytes('f16', f16Bytes([0]), f16Bytes([-0]), { tolerance: exact }).verdict).toBe('match');
  });

  it('flags NaN against a number as a mismatch with infinite error', () => {
    const r = compareBytes('f32', f32Bytes([1, Number.NaN]), f32Bytes([1, 2]));
    expect(r.verdict).toBe('mismatch');
    expect(r.firstMismatches).toEqual([
      { index: 1, a: Number.NaN, b: 2, abs: Number.POSITIVE_INFINITY, ulp: Number.POSITIVE_INFINITY },
    ]);
  });

  it('matches an infinity only with the same infinity', () => {
    const max = f32FromBits(0x7f7fffff);
    expect(compareBytes('f32', f32Bytes([Infinity]), f32Bytes([Infinity])).verdict).toBe('match');
    expect(compareBytes('f32', f32Bytes([Infinity]), f32Bytes([-Infinity])).verdict).toBe('mismatch');
    // One bit pattern apart, but an overflow is not a rounding difference.
    expect(compareBytes('f32', f32Bytes([max]), f32Bytes([Infinity])).verdict).toBe('mismatch');
  });

  it('measures ULP distance across zero and within a binade', () => {
    const one = f32FromBits(0x3f800000);
    const r = compareBytes(
      'f32',
      f32Bytes([one, f32FromBits(1)]),
      f32Bytes([f32FromBits(0x3f800003), f32FromBits(0x80000001)]),
      {
        tolerance: exact,
      },
    );
    expect(r.firstMismatches.map((m) => m.ulp)).toEqual([3, 2]); // smallest subnormals straddle zero
    expect(r.maxUlp).toBe(3);
  });

  it('accepts a difference within the default f32 ULP bound and reports it as within tolerance', () => {
    const r = compareBytes('f32', f32Bytes([1000]), f32Bytes([1000 + 4 * 2 ** -14])); // 4 ULP at 1000 (binade [512, 1024))
    expect(r.verdict).toBe('within-tolerance');
    expect(r.maxUlp).toBe(4);
    expect(r.differentCount).toBe(1);
    expect(r.mismatchCount).toBe(0);
  });

  it('rejects differences beyond every bound of the default', () => {
    const r = compareBytes('f32', f32Bytes([1, 2, 3]), f32Bytes([1, 2.001, 3]));
    expect(r.verdict).toBe('mismatch');
    expect(r.mismatchCount).toBe(1);
    expect(r.firstMismatches[0]!.index).toBe(1);
    expect(r.maxRel).toBeCloseTo(0.001 / 2.001, 6);
  });

  it('accepts near-zero cancellation through the absolute bound', () => {
    // Millions of ULP apart, huge relative error, but both are "zero" to 1e-6.
    const r = compareBytes('f32', f32Bytes([1e-9]), f32Bytes([-3e-8]));
    expect(r.maxUlp).toBeGreaterThan(1e6);
    expect(r.verdict).toBe('within-tolerance');
  });

  it('lets a binding tolerance override the defaults member by member', () => {
    expect(resolveTolerance('f32', { ulp: 0 })).toEqual({ ...DEFAULT_TOLERANCE.f32, ulp: 0 });
    expect(resolveTolerance('u32', { ulp: 10 })).toBeNull();
    const a = f32Bytes([1000]);
    const b = f32Bytes([1000 + 2 ** -14]); // 1 ULP
    expect(compareBytes('f32', a, b, { tolerance: exact }).verdict).toBe('mismatch');
    expect(compareBytes('f32', a, b, { tolerance: { ulp: 1, abs: 0, rel: 0 } }).verdict).toBe(
      'within-tolerance',
    );
    expect(compareBytes('f32', f32Bytes([1]), f32Bytes([1.1]), { tolerance: { rel: 0.1 } }).verdict).toBe(
      'within-tolerance',
    );
  });

  it('describes tolerances in words for the page', () => {
    expect(formatTolerance(DEFAULT_TOLERANCE.f32)).toBe('≤ 4 ULP or |Δ| ≤ 0.000001 or rel ≤ 0.00001');
    expect(formatTolerance(resolveTolerance('f32', { abs: 0, rel: 0 }))).toBe('≤ 4 ULP');
    expect(formatTolerance(resolveTolerance('f32', exact))).toMatch(/^bit-identical/);
    expect(formatTolerance(null)).toBe('exact');
  });

  it('compares f16 with the f16 defaults', () => {
    expect(compareBytes('f16', f16Bytes([1, 2]), f16Bytes([1, 2 + 2 ** -9])).verdict).toBe(
      'within-tolerance',
    );
    const r = compareBytes('f16', f16Bytes([1, 2]), f16Bytes([1, 2.5]));
    expect(r.verdict).toBe('mismatch');
    expect(r.firstMismatches[0]).toMatchObject({ index: 1, a: 2, b: 2.5, abs: 0.5, ulp: 256 });
  });
});

describe('compareBytes: integers and bytes', () => {
  it('requires exact equality and ignores float tolerances', () => {
    const r = compareBytes('u32', u32Bytes([1, 2, 3]), u32Bytes([1, 2, 4]), { tolerance: { abs: 100 } });
    expect(r.tolerance).toBeNull();
    expect(r.verdict).toBe('mismatch');
    expect(r.firstMismatches).toEqual([{ index: 2, a: 3, b: 4, abs: 1, ulp: 1 }]);
  });

  it('reads i32 as signed and bytes one by one', () => {
    const r = compareBytes('i32', i32Bytes([-5]), i32Bytes([5]));
    expect(r.firstMismatches[0]).toMatchObject({ a: -5, b: 5, abs: 10 });
    const bytes = compareBytes('bytes', new Uint8Array([1, 2, 3]), new Uint8Array([1, 9, 3]));
    expect(bytes.count).toBe(3);
    expect(bytes.firstMismatches[0]).toMatchObject({ index: 1, a: 2, b: 9 });
  });
});

describe('compareBytes: sizes, reporting, histogram', () => {
  it('reports a size mismatch and still compares the common prefix', () => {
    const r = compareBytes('f32', f32Bytes([1, 2, 3]), f32Bytes([1, 5]));
    expect(r.verdict).toBe('size-mismatch');
    expect([r.count, r.bytesA, r.bytesB, r.mismatchCount]).toEqual([2, 12, 8, 1]);
  });

  it('lists at most maxReported mismatches, in index order, but counts them all', () => {
    const n = 100;
    const a = new Array(n).fill(0).map((_, i) => i);
    const r = compareBytes('u32', u32Bytes(a), u32Bytes(a.map((v) => v + 1)));
    expect(r.mismatchCount).toBe(n);
    expect(r.firstMismatches.map((m) => m.index)).toEqual(a.slice(0, 20));
    expect(
      compareBytes('u32', u32Bytes(a), u32Bytes(a.map((v) => v + 1)), { maxReported: 3 }).firstMismatches,
    ).toHaveLength(3);
  });

  it('spreads mismatches over histogram buckets by index', () => {
    const a = new Array(100).fill(0);
    const b = [...a];
    b[0] = 1;
    b[99] = 1;
    b[98] = 1;
    const r = compareBytes('u32', u32Bytes(a), u32Bytes(b), { buckets: 10 });
    expect(r.bucketSize).toBe(10);
    expect(r.histogram).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    // Never more buckets than elements.
    expect(compareBytes('u32', u32Bytes([1, 2]), u32Bytes([1, 2]), { buckets: 64 }).histogram).toHaveLength(
      2,
    );
  });
});

describe('compareBytes: properties', () => {
  const floats = fc.array(fc.float({ noDefaultInfinity: false, noNaN: false }), {
    minLength: 1,
    maxLength: 200,
  });
  const ints = fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 200 });

  it('compare(x, x) is always a match', () => {
    fc.assert(
      fc.property(floats, (xs) => compareBytes('f32', f32Bytes(xs), f32Bytes(xs)).verdict === 'match'),
    );
    fc.assert(fc.property(ints, (xs) => compareBytes('i32', i32Bytes(xs), i32Bytes(xs)).verdict === 'match'));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) => {
        const copy = bytes.slice();
        return (['f16', 'bytes', 'u32'] as const).every((el) => {
          const r = compareBytes(el, bytes, copy);
          return r.verdict === 'match' || (bytes.length % 4 !== 0 && el === 'u32');
        });
      }),
    );
  });

  it('finds a single flipped element at its index', () => {
    fc.assert(
      fc.property(ints, fc.nat(), fc.integer({ min: 0, max: 31 }), (xs, pick, bit) => {
        const index = pick % xs.length;
        const b = Int32Array.from(xs);
        b[index]! ^= 1 << bit;
        const r = compareBytes('i32', i32Bytes(xs), new Uint8Array(b.buffer));
        return r.verdict === 'mismatch' && r.mismatchCount === 1 && r.firstMismatches[0]!.index === index;
      }),
    );
  });

  it('finds a float pushed far off at its index', () => {
    const finite = fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), {
      minLength: 1,
      maxLength: 200,
    });
    fc.assert(
      fc.property(finite, fc.nat(), (xs, pick) => {
        const index = pick % xs.length;
        const b = Float32Array.from(xs);
        b[index] = b[index]! + 1 + Math.abs(b[index]!); // beyond 1e-5 relative and 1e-6 absolute
        const r = compareBytes('f32', f32Bytes(xs), new Uint8Array(b.buffer));
        return r.verdict === 'mismatch' && r.mismatchCount === 1 && r.firstMismatches[0]!.index === index;
      }),
    );
  });

  it('is symmetric in its verdict and counts', () => {
    fc.assert(
      fc.property(floats, floats, (xs, ys) => {
        const n = Math.min(xs.length, ys.length);
        const a = f32Bytes(xs.slice(0, n));
        const b = f32Bytes(ys.slice(0, n));
        const ab = compareBytes('f32', a, b);
        const ba = compareBytes('f32', b, a);
        return ab.verdict === ba.verdict && ab.mismatchCount === ba.mismatchCount && ab.maxUlp === ba.maxUlp;
      }),
    );
  });
});

describe('compareOutputs', () => {
  const workload: Workload = workloadSchema.parse({
    name: 't',
    wgsl: 'fn main() {}',
    entryPoint: 'main',
    dispatch: [1, 1, 1],
    bindings: [
      { group: 0, binding: 0, name: 'x', kind: 'storage-read', element: 'f32', length: 2 },
      { group: 0, binding: 1, name: 'y', kind: 'storage', element: 'f32', length: 2, output: true },
      {
        group: 0,
        binding: 2,
        name: 'n',
        kind: 'storage',
        element: 'u32',
        length: 2,
        output: true,
        tolerance: { abs: 5 },
      },
      {
        group: 0,
        binding: 3,
        name: 'tight',
        kind: 'storage',
        element: 'f32',
        length: 1,
        output: true,
        tolerance: exact,
      },
    ],
  });
  const side = (outputs: Record<string, Uint8Array>): SideResult => ({
    backend: 'webgpu',
    device: { name: 'test' },
    timings: {
      compile: { ms: 0 },
      upload: { ms: 0 },
      download: { ms: 0 },
      kernel: { samples: [], median: 0, min: 0, p90: 0, count: 0, timer: 'wall-submit', resolutionMs: 0 },
    },
    outputs,
  });

  it('compares each output binding by its element type and tolerance, in binding order', () => {
    const a = side({ y: f32Bytes([1, 2]), n: u32Bytes([1, 2]), tight: f32Bytes([1]) });
    const b = side({ y: f32Bytes([1, 2 + 2 ** -22]), n: u32Bytes([1, 3]), tight: f32Bytes([1 + 2 ** -23]) });
    const r = compareOutputs(workload, a, b);
    expect(r.map((c) => [c.name, c.element, c.verdict])).toEqual([
      ['y', 'f32', 'within-tolerance'],
      ['n', 'u32', 'mismatch'],
      ['tight', 'f32', 'mismatch'],
    ]);
  });

  it('reports an output missing on one side as a size mismatch', () => {
    const a = side({ y: f32Bytes([1, 2]), n: u32Bytes([1, 2]), tight: f32Bytes([1]) });
    const b = side({ n: u32Bytes([1, 2]), tight: f32Bytes([1]) });
    const y = compareOutputs(workload, a, b)[0]!;
    expect(y.verdict).toBe('size-mismatch');
    expect([y.bytesA, y.bytesB, y.count]).toEqual([8, 0, 0]);
  });
});

describe('overallVerdict', () => {
  it('agrees only when every output matches or is within tolerance', () => {
    expect(overallVerdict([])).toBe('agree');
    expect(overallVerdict([{ verdict: 'match' }, { verdict: 'within-tolerance' }])).toBe('agree');
    expect(overallVerdict([{ verdict: 'match' }, { verdict: 'size-mismatch' }])).toBe('disagree');
    expect(overallVerdict([{ verdict: 'mismatch' }])).toBe('disagree');
  });
});
