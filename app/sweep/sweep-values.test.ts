import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../../core/preset';
import { defaultRange, MAX_SWEEP_POINTS, sweepValues } from './sweep-values';

const N: ParamSpec = { default: 65536, min: 1, max: 16776960, description: 'elements' };

describe('defaultRange', () => {
  it('is 2^10 … the largest doubling within max (2^26 caps, saxpy max clips to 2^23)', () => {
    expect(defaultRange(N)).toEqual({ lo: 1024, hi: 2 ** 23 });
    expect(defaultRange({ ...N, max: 2 ** 30 })).toEqual({ lo: 1024, hi: 2 ** 26 });
    expect(defaultRange({ ...N, min: 4096 })).toEqual({ lo: 4096, hi: 2 ** 23 });
  });
  it('falls back to min when 2^10 is above max', () => {
    expect(defaultRange({ ...N, min: 2, max: 100 })).toEqual({ lo: 2, hi: 64 });
  });
});

describe('sweepValues', () => {
  it('doubles from lo to hi', () => {
    expect(sweepValues('N', N, { mode: 'range', lo: 1024, hi: 8192 })).toEqual({
      ok: true,
      values: [1024, 2048, 4096, 8192],
    });
    expect(sweepValues('N', N, { mode: 'range', lo: 1000, hi: 5000 })).toEqual({
      ok: true,
      values: [1000, 2000, 4000],
    });
  });
  it('parses a list, sorted and without repeats', () => {
    expect(sweepValues('N', N, { mode: 'list', text: '4096, 1024 2048,1024' })).toEqual({
      ok: true,
      values: [1024, 2048, 4096],
    });
  });
  it('refuses values outside the parameter’s rules', () => {
    const r = sweepValues('N', N, { mode: 'list', text: '1024, 99999999' });
    expect(r).toEqual({ ok: false, message: 'N = 99999999 is outside 1…16776960' });
    const p2: ParamSpec = { ...N, powerOfTwo: true };
    expect(sweepValues('N', p2, { mode: 'list', text: '1000' })).toMatchObject({ ok: false });
    expect(sweepValues('N', N, { mode: 'list', text: '1024, abc' })).toEqual({
      ok: false,
      message: '"abc" is not a number',
    });
  });
  it('refuses empty, inverted and oversized sweeps', () => {
    expect(sweepValues('N', N, { mode: 'list', text: ' ' })).toMatchObject({ ok: false });
    expect(sweepValues('N', N, { mode: 'range', lo: 4096, hi: 1024 })).toMatchObject({ ok: false });
    expect(sweepValues('N', N, { mode: 'range', lo: 0, hi: 1024 })).toMatchObject({ ok: false });
    const many = Array.from({ length: MAX_SWEEP_POINTS + 1 }, (_, i) => i + 1).join(',');
    expect(sweepValues('N', N, { mode: 'list', text: many })).toMatchObject({ ok: false });
  });
});
