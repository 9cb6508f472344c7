import { describe, expect, it } from 'vitest';
import { constFitError } from './const-fit';

describe('constFitError (WGSL §15.7.1, §15.7.6: a const value must fit its destination type)', () => {
  it('rejects AbstractInts outside i32/u32, at the edges exactly', () => {
    expect(constFitError({ value: -1, kind: 'abstract-int' }, 'u32')).toBe('-1 does not fit in u32');
    expect(constFitError({ value: 2147483648, kind: 'abstract-int' }, 'i32')).toBe(
      '2147483648 does not fit in i32',
    );
    expect(constFitError({ value: 2n ** 60n, kind: 'abstract-int' }, 'u32')).toContain('does not fit in u32');
    expect(constFitError({ value: -2147483648, kind: 'abstract-int' }, 'i32')).toBeUndefined();
    expect(constFitError({ value: 4294967295, kind: 'abstract-int' }, 'u32')).toBeUndefined();
  });

  it('rejects finite abstract values beyond the f32/f16 range, not those that round to its maximum', () => {
    expect(constFitError({ value: 1e39, kind: 'abstract-float' }, 'f32')).toBe('1e+39 does not fit in f32');
    expect(constFitError({ value: 70000, kind: 'abstract-int' }, 'f16')).toBe('70000 does not fit in f16');
    expect(constFitError({ value: 3.4028235e38, kind: 'abstract-float' }, 'f32')).toBeUndefined();
    expect(constFitError({ value: 65504, kind: 'abstract-float' }, 'f16')).toBeUndefined();
    expect(constFitError({ value: 2n ** 62n, kind: 'abstract-int' }, 'f32')).toBeUndefined();
  });

  it('leaves concrete values to the operators that made them', () => {
    expect(constFitError({ value: 4294967295, kind: 'u32' }, 'i32')).toBeUndefined();
    expect(constFitError({ value: true, kind: 'bool' }, 'u32')).toBeUndefined();
  });
});
