import { describe, expect, it } from 'vitest';
import { parseSweepQuery, type SweepSettings, sweepQuery } from './sweep-url';

describe('sweep settings in the URL', () => {
  it('round-trips a range and a list', () => {
    const range: SweepSettings = {
      preset: 'saxpy',
      param: 'N',
      mode: 'range',
      lo: '1024',
      hi: '65536',
      list: '',
    };
    const q = sweepQuery(range);
    expect(q).toBe('?preset=saxpy&param=N&lo=1024&hi=65536');
    expect(parseSweepQuery(Object.fromEntries(new URLSearchParams(q)))).toEqual(range);
    const list: SweepSettings = {
      preset: 'matmul',
      param: 'M',
      mode: 'list',
      lo: '',
      hi: '',
      list: '64, 128',
    };
    expect(parseSweepQuery(Object.fromEntries(new URLSearchParams(sweepQuery(list))))).toEqual(list);
  });

  it('names no settings without a preset, and ignores overlong or repeated values sensibly', () => {
    expect(parseSweepQuery({})).toBeNull();
    expect(parseSweepQuery({ preset: ['a', 'b'], lo: 'x'.repeat(500) })).toMatchObject({
      preset: 'a',
      lo: '',
    });
  });
});
