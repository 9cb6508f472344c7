import { describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { parseSweep, sweepGrid } from './sweep';

describe('--sweep', () => {
  it('doubles by default, multiplies, adds, or lists', () => {
    expect(parseSweep('N=1024..8192')).toEqual({ name: 'N', values: [1024, 2048, 4096, 8192] });
    expect(parseSweep('N=1..100*10')).toEqual({ name: 'N', values: [1, 10, 100] });
    expect(parseSweep('T=8..32+8')).toEqual({ name: 'T', values: [8, 16, 24, 32] });
    expect(parseSweep('N=3,5,7')).toEqual({ name: 'N', values: [3, 5, 7] });
  });

  it('refuses specs that make no sense', () => {
    for (const bad of ['N', '=1..2', 'N=8..4', 'N=0..8', 'N=1..8*1', 'N=1..8+0', 'N=a,b', 'N=1..1e9+1']) {
      expect(() => parseSweep(bad), bad).toThrow(UsageError);
    }
  });

  it('combines several sweeps into a grid', () => {
    expect(sweepGrid([parseSweep('A=1,2'), parseSweep('B=5,6')])).toEqual([
      { A: 1, B: 5 },
      { A: 1, B: 6 },
      { A: 2, B: 5 },
      { A: 2, B: 6 },
    ]);
    expect(sweepGrid([])).toEqual([{}]);
  });
});
