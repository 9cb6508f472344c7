import { describe, expect, it } from 'vitest';
import { bearerChecker, generateToken } from './auth';

describe('bearer auth', () => {
  it('accepts exactly the token, in a Bearer header', () => {
    const token = generateToken();
    const ok = bearerChecker(token);
    expect(ok(`Bearer ${token}`)).toBe(true);
    expect(ok(`bearer ${token}`)).toBe(true);
    expect(ok(undefined)).toBe(false);
    expect(ok('')).toBe(false);
    expect(ok(token)).toBe(false);
    expect(ok(`Bearer ${token}x`)).toBe(false);
    expect(ok(`Bearer ${token.slice(1)}`)).toBe(false);
    expect(ok('Basic abc')).toBe(false);
  });

  it('generates distinct, long tokens', () => {
    const a = generateToken();
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(generateToken()).not.toBe(a);
  });
});
