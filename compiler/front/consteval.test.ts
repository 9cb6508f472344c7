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

  it('negates the most negative i32 or AbstractInt to itself (WGSL §8.7, Tint UnaryMinus)', () => {
    expect(fold('-(-2147483647i - 1i)')).toBe(-2147483648);
    expect(fold('-(-9223372036854775807 - 1)')).toBe(-(2n ** 63n));
    expect(fold('-(-9223372036854775807)')).toBe(9223372036854775807n);
    expect(fold('-vec2i(1, -2147483647 - 1)')).toEqual([-1, -2147483648]);
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

describe('evalConst through vectors and const built-ins (WGSL §8.5.1, §17.3.2, §17.5.17)', () => {
  it('folds a component or swizzle of a const vector, in its leaf kind', () => {
    expect(fold('vec3(1, 2, 3).z')).toBe(3);
    expect(fold('vec4(1, 2, 3, 4).wz.y')).toBe(3);
    expect(fold('vec2(7).g')).toBe(7);
    expect(fold('vec3(1, 2.5, 3).x')).toBe(1);
    const d = parse('const x = vec2u(1, 9).y;').decls[0];
    if (d?.kind !== 'var' || !d.init) throw new Error('expected a const declaration');
    expect(evalConst(d.init, { lookup: () => undefined })?.kind).toBe('u32');
  });

  it('has no value for a component the vector does not have', () => {
    expect(fold('vec2(1, 2).z')).toBeUndefined();
    expect(fold('vec2(1, 2).zx')).toBeUndefined();
  });

  it('folds whole vectors: mixed constructors, swizzles, operators and built-ins lane by lane', () => {
    expect(fold('vec2(1, 2).yx')).toEqual([2, 1]);
    expect(fold('vec3(vec2(1, 2), 3).y')).toBe(2);
    expect(fold('(vec2i(1, 2) + vec2i(10)).y')).toBe(12);
    expect(fold('max(vec2(1, 5), vec2(4, 2)).x')).toBe(4);
    expect(fold('-vec2(4294967296, 1)')).toEqual([-4294967296, -1]);
    expect(fold('vec2(1, 2) * 2.5')).toEqual([2.5, 5]);
    expect(fold('dot(vec2(1, 2) + vec2(1), vec2(3))')).toBe(15);
    // A lane without a value leaves the whole vector without one.
    expect(fold('vec2i(2147483647) + vec2i(1)')).toBeUndefined();
    expect(fold('(vec2i(2147483647, 1) + vec2i(1)).y')).toBeUndefined();
  });

  it('folds select on scalars, with the operands unified', () => {
    expect(fold('select(1, 2, 8 > 5)')).toBe(2);
    expect(fold('select(1, 2, false)')).toBe(1);
    expect(fold('select(1i, 2, true)')).toBe(2);
    expect(fold('select(1, 2, 3)')).toBeUndefined();
  });

  it('folds dot of const vectors exactly, and has no value when a product or sum overflows', () => {
    expect(fold('dot(vec3(1, 2, 3), vec3(4, 5, 6))')).toBe(32);
    expect(fold('dot(vec4(1, 2, 3, 4), vec4(1))')).toBe(10);
    expect(fold('dot(vec2(1, 2), vec2(3, 4).yx)')).toBe(10);
    expect(fold('dot(vec2f(1.5, 2), vec2(4, 5))')).toBe(16);
    expect(fold('dot(vec2(3037000500, 0), vec2(3037000500, 0))')).toBeUndefined(); // beyond i64
    expect(fold('dot(vec2i(2147483647, 1), vec2i(1, 1))')).toBeUndefined();
    expect(fold('dot(vec2(1, 2), vec3(1, 2, 3))')).toBeUndefined();
  });

  it('reads a named const vector through the environment', () => {
    const m = parse('const v = vec3(1, 2, 3);\nconst n = v.x + v.z;');
    const [v, n] = m.decls;
    if (v?.kind !== 'var' || n?.kind !== 'var' || !n.init) throw new Error('expected const declarations');
    const value = evalConst(n.init, {
      lookup: () => undefined,
      constInit: (name) => (name === 'v' ? v.init : undefined),
    });
    expect(value).toEqual({ value: 4, kind: 'abstract-int' });
  });
});
