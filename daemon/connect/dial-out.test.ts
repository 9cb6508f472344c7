import { describe, expect, it } from 'vitest';
import { backoffDelay } from './dial-out';

describe('redial backoff', () => {
  const b = { baseMs: 500, capMs: 30_000 };

  it('doubles from the base up to the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, b, () => 1);
    expect([0, 1, 2, 3].map(top)).toEqual([500, 1000, 2000, 4000]);
    expect(top(10)).toBe(30_000);
    expect(top(1000)).toBe(30_000);
  });

  it('draws each wait from the upper half of its ceiling (jitter)', () => {
    expect(backoffDelay(3, b, () => 0)).toBe(2000);
    expect(backoffDelay(3, b, () => 0.5)).toBe(3000);
  });
});
