import { describe, expect, it } from 'vitest';
import { constIntBinaryError } from './const-int-errors';
import type { Typed } from './consteval';

const i = (value: number): Typed => ({ value, kind: 'i32' });
const u = (value: number): Typed => ({ value, kind: 'u32' });
const abstract = (value: number): Typed => ({ value, kind: 'abstract-int' });

describe('constIntBinaryError (WGSL §8.7, §8.9 const-expression errors)', () => {
  it('names integer division and remainder by zero', () => {
    expect(constIntBinaryError('/', i(1), i(0))).toBe(
      'integer division by zero in a const-expression: 1i / 0i',
    );
    expect(constIntBinaryError('%', u(0), abstract(0))).toBe(
      'integer division by zero in a const-expression: 0u % 0u',
    );
  });

  it('names results outside the type, with the exact value', () => {
    expect(constIntBinaryError('+', i(2147483647), i(1))).toContain('2147483647i + 1i = 2147483648');
    expect(constIntBinaryError('-', u(0), u(1))).toContain("u32 '-' overflows");
    expect(constIntBinaryError('*', abstract(65536), i(65536))).toContain(
      '= 4294967296 cannot be represented as i32',
    );
    expect(constIntBinaryError('/', i(-2147483648), i(-1))).toContain("i32 '/' overflows");
    expect(constIntBinaryError('%', i(-2147483648), i(-1))).toContain("i32 '%' overflows");
  });

  it('allows results at the edges of the type', () => {
    expect(constIntBinaryError('+', i(2147483646), i(1))).toBeUndefined();
    expect(constIntBinaryError('-', i(-2147483647), i(1))).toBeUndefined();
    expect(constIntBinaryError('*', u(65535), u(65537))).toBeUndefined();
    expect(constIntBinaryError('%', i(-2147483648), i(2))).toBeUndefined();
    expect(constIntBinaryError('-', u(1), u(1))).toBeUndefined();
  });

  it('rejects a << that loses bits: any set bit for u32, any bit unlike the sign for i32', () => {
    expect(constIntBinaryError('<<', u(117901063), u(20))).toContain('shifts out significant bits');
    expect(constIntBinaryError('<<', u(1), u(31))).toBeUndefined();
    expect(constIntBinaryError('<<', i(1), u(31))).toContain('cannot be represented as i32');
    expect(constIntBinaryError('<<', i(-1), u(31))).toBeUndefined();
    expect(constIntBinaryError('<<', i(1), u(30))).toBeUndefined();
    expect(constIntBinaryError('<<', i(-2), u(30))).toBeUndefined();
    expect(constIntBinaryError('<<', i(-3), u(30))).toContain('shifts out');
  });

  it('leaves AbstractInt and float operations to their own checks', () => {
    expect(constIntBinaryError('/', abstract(1), abstract(0))).toBeUndefined();
    expect(constIntBinaryError('/', { value: 1, kind: 'f32' }, { value: 0, kind: 'f32' })).toBeUndefined();
  });
});
