import { describe, expect, it } from 'vitest';
import { crossingX, describeCrossover, findCrossover, formatSize } from './crossover';

describe('findCrossover', () => {
  it('interpolates on log-log axes between the bracketing points', () => {
    // local 1 → 4 ms, remote 2 → 2.5 ms between N = 1024 and 4096
    // log-gap at 1k: ln 2; at 4k: ln(2.5/4). t = ln2 / (ln2 − ln(0.625)) = 0.6931/1.1632 = 0.59592
    const c = findCrossover([
      { x: 1024, local: 1, remote: 2 },
      { x: 4096, local: 4, remote: 2.5 },
    ]);
    expect(c.kind).toBe('crossover');
    if (c.kind !== 'crossover') return;
    const t = Math.log(2) / (Math.log(2) - Math.log(2.5 / 4));
    expect(c.x).toBeCloseTo(1024 * 4 ** t, 6);
    expect(c.y).toBeCloseTo(4 ** t, 10); // local: 1 ms × 4^t
    expect(c.before).toBe(0);
  });

  it('finds the exact crossing of two power laws', () => {
    // local = x / 1000, remote = √x: equal at x = 1e6 (1000 ms); both are power laws, so exact
    const pts = [1e3, 1e4, 1e5, 1e7, 1e8].map((x) => ({ x, local: x / 1000, remote: Math.sqrt(x) }));
    const c = findCrossover(pts);
    expect(c.kind).toBe('crossover');
    if (c.kind === 'crossover') {
      expect(c.x).toBeCloseTo(1e6, 3);
      expect(c.y).toBeCloseTo(1e3, 6);
      expect(c.before).toBe(2);
    }
  });

  it('sorts by size and skips points missing a side', () => {
    const c = findCrossover([
      { x: 4, local: 4, remote: 1 },
      { x: 2, local: null, remote: 1 },
      { x: 1, local: 1, remote: 2 },
      { x: 3, local: 0, remote: 2 },
    ]);
    expect(c).toMatchObject({ kind: 'crossover', before: 0 });
    // gaps ln 2 at x=1 and −ln 4 at x=4: t = ln2 / 3ln2 = 1/3, x = 4^(1/3) ≈ 1.5874
    if (c.kind === 'crossover') expect(c.x).toBeCloseTo(Math.cbrt(4), 10);
  });

  it('says "no crossover" when the remote side never wins', () => {
    const pts = [1, 2, 4, 8].map((x) => ({ x, local: x, remote: 2 * x }));
    expect(findCrossover(pts)).toEqual({ kind: 'none' });
    expect(describeCrossover(findCrossover(pts), 'total')).toBe('total: no crossover in this range');
  });

  it('says where a remote side that starts faster stops being so', () => {
    // local = x, remote = 0.5 + x²/1000: faster below x ≈ 999.5 (where they meet), slower above
    const pts = [10, 100, 1000 * 4, 10_000].map((x) => ({ x, local: x, remote: 0.5 + (x * x) / 1000 }));
    const c = findCrossover(pts);
    expect(c).toMatchObject({ kind: 'local-from', before: 1 });
    if (c.kind === 'local-from') {
      expect(c.x).toBeGreaterThan(100);
      expect(c.x).toBeLessThan(4000);
    }
    expect(crossingX(c)).toBe(c.kind === 'local-from' ? c.x : Number.NaN);
    expect(describeCrossover(c, 'total', 'N')).toMatch(
      /^total: the remote side is faster up to ≈[\d,]+ N, the local side from there on$/,
    );
    expect(crossingX({ kind: 'remote-from-start', x: 1 })).toBeNull();
  });

  it('notices the remote side winning from the first size', () => {
    const pts = [1, 2].map((x) => ({ x, local: 2 * x, remote: x }));
    expect(findCrossover(pts)).toEqual({ kind: 'remote-from-start', x: 1 });
  });

  it('a tie at a point counts as not yet winning; the crossing is at that point', () => {
    const c = findCrossover([
      { x: 10, local: 5, remote: 5 },
      { x: 100, local: 50, remote: 10 },
    ]);
    expect(c).toMatchObject({ kind: 'crossover', before: 0 });
    if (c.kind === 'crossover') {
      expect(c.x).toBeCloseTo(10, 10);
      expect(c.y).toBeCloseTo(5, 10);
    }
  });

  it('reports the first crossing when the remote side wins, loses and wins again', () => {
    const c = findCrossover([
      { x: 1, local: 1, remote: 2 },
      { x: 10, local: 2, remote: 1 },
      { x: 100, local: 1, remote: 2 },
      { x: 1000, local: 4, remote: 1 },
    ]);
    expect(c).toMatchObject({ kind: 'crossover', before: 0 });
  });

  it('has no data without a point measured on both sides', () => {
    expect(findCrossover([])).toEqual({ kind: 'no-data' });
    expect(findCrossover([{ x: 1, local: 1, remote: null }])).toEqual({ kind: 'no-data' });
  });
});

describe('describeCrossover', () => {
  it('names the size', () => {
    expect(describeCrossover({ kind: 'crossover', x: 123456.7, y: 1, before: 0 }, 'total', 'elements')).toBe(
      'total: the remote side wins from ≈123,457 elements',
    );
    expect(describeCrossover({ kind: 'remote-from-start', x: 1024 }, 'kernel')).toContain('whole range');
  });
  it('formats small and large sizes', () => {
    expect(formatSize(1024)).toBe('1,024');
    expect(formatSize(2.456)).toBe('2.46');
  });
});
