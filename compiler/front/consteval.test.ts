import { describe, expect, it } from 'vitest';
import { evalConst } from './consteval';
import { parse } from './parser';

/** The folded value of a const-expression, or undefined when it has none. */
function fold(expr: string) {
  const d = parse(`const x = ${expr};`).decls[0];
  if (d?.kind !== 'var' || !d.init) throw new Error('expected a const declaration');
  return evalConst(d.init, { lookup: () => undefined })?.value;
}

describe('evalConst on concrete integers (WGSL §8.7, §8.9, §17.5.1)', () => {
  it('has no value for division by zero, overflow, or a << that loses bits', () => {
    for (const e of [
      '1i / 0i',
      '0u % 0u',
      '2147483647i + 1i',
      '0u - 1u',
      '65536i * 65536i',
      '(-2147483647i - 1i) / -1i',
      '(-2147483647i - 1i) % -1i',
      '117901063u << 20u',
      '1i << 31u',
      '1u << 32u',
      '1u >> 32u',
    ])
      expect(fold(e), e).toBeUndefined();
  });

  it('folds in-range results, shifts that keep their bits, and abs of the most negative i32', () => {
    expect(fold('2147483646i + 1i')).toBe(2147483647);
    expect(fold('1u << 31u')).toBe(2147483648);
    expect(fold('-1i << 31u')).toBe(-2147483648);
    expect(fold('-8i >> 1u')).toBe(-4);
    expect(fold('7i % -1i')).toBe(0);
    expect(fold('abs(-2147483647i - 1i)')).toBe(-2147483648);
  });
});
