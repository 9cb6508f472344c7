import { describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { parseSweep, sweepGrid } from './sweep';

describe('--sweep', () => {
  it('doubles by default, multiplies, adds, or lists', () => {
    expect(parseSweep('N=1024..8192')).toEqual({ name: 'N', values: [1024, 2048, 4096, 8192] });
    expect(parseSweep('N=1..100*10')).toEqual({ name: 'N', values: [1, 10, 100] });
    expect(parseSweep('T=8..32+8')).toEqual({ name: 'T', values: [8, 16, 24, 32] });
    expect(parseSweep('N=3,5,7')).toEqual({ name: 'N', values: [3, 5, 7] });
    expect(parseSweep('A=0.5..4')).toEqual({ name: 'A', values: [0.5, 1, 2, 4] });
    expect(parseSweep('A=0.25..1+0.25')).toEqual({ name: 'A', values: [0.25, 0.5, 0.75, 1] });
  });

  it('says why a doubling range from zero or below cannot work', () => {
    expect(() => parseSweep('N=0..4')).toThrow(
      '--sweep N=0..4: multiplying from 0 never grows; start above 0, or add a step (N=0..4+1)',
    );
    expect(() => parseSweep('N=1..8*1')).toThrow('a step of *1 never reaches 8');
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
    expect(() => sweepGrid([parseSweep('N=1..4'), parseSweep('N=1,2')])).toThrow('--sweep N is given twice');
  });
});
