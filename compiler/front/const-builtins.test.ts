import { describe, expect, it } from 'vitest';
import { foldBuiltin } from './const-builtins';
import type { Typed } from './const-value';

const f32 = (value: number | number[]): Typed => ({ value, kind: 'f32' });
const af = (value: number | number[]): Typed => ({ value, kind: 'abstract-float' });
const ai = (value: number | bigint): Typed => ({ value, kind: 'abstract-int' });
const i32 = (value: number | number[]): Typed => ({ value, kind: 'i32' });
const u32 = (value: number | number[]): Typed => ({ value, kind: 'u32' });

/** The folded value, or the error text, of `name(args)`. */
function fold(name: string, ...args: Typed[]) {
  const r = foldBuiltin(name, args);
  if (!r) return undefined;
  return 'error' in r ? r.error : r.value;
}

describe('foldBuiltin: WGSL §17.5 numeric built-ins as const-expressions', () => {
  it('folds float functions in f64 for AbstractFloat and rounds f32 results', () => {
    expect(fold('sqrt', af(2))).toBe(Math.SQRT2);
    expect(fold('sqrt', f32(2))).toBe(Math.fround(Math.SQRT2));
    expect(fold('sqrt', ai(16))).toBe(4); // AbstractInt takes the AbstractFloat overload
    expect(fold('floor', f32([1.5, -1.5]))).toEqual([1, -2]);
    expect(fold('round', af(2.5))).toBe(2); // ties to even
    expect(fold('round', af(-3.5))).toBe(-4);
    expect(fold('fract', af(-0.25))).toBe(0.75);
    expect(fold('exp2', f32(3))).toBe(8);
    expect(fold('pow', af(2), af(10))).toBe(1024);
    expect(fold('step', af(1), af([0, 1, 2]))).toEqual([0, 1, 1]);
    expect(fold('mix', af([0, 10]), af([10, 20]), af(0.5))).toEqual([5, 15]);
    expect(fold('fma', af(2), af(3), af(4))).toBe(10);
    expect(fold('smoothstep', af(0), af(1), af(0.5))).toBe(0.5);
    expect(fold('saturate', af([-1, 0.5, 2]))).toEqual([0, 0.5, 1]);
  });

  it('reports domain errors and non-finite results as the spec requires (WGSL §15.7.6)', () => {
    expect(fold('sqrt', af(-1))).toBe("'sqrt' of -1 is outside its domain (>= 0) in a const-expression");
    expect(fold('log', f32(0))).toBe("'log' of 0 is outside its domain (> 0) in a const-expression");
    expect(fold('acos', af(2))).toContain("'acos' of 2 is outside its domain");
    expect(fold('inverseSqrt', af(0))).toContain('outside its domain (> 0)');
    expect(fold('pow', af(-2), af(0.5))).toContain("'pow' of (-2, 0.5) is outside its domain");
    expect(fold('exp', f32(100))).toBe(
      "f32 'exp(…)' has no finite value in a const-expression (overflow or division by zero)",
    );
    expect(fold('smoothstep', af(1), af(1), af(0.5))).toBe(
      "'smoothstep' with low == high (1) in a const-expression",
    );
    expect(fold('sqrt', af([4, -4]))).toContain('outside its domain'); // any lane
  });

  it('folds min/max/clamp/abs/sign exactly on integers, AbstractInt beyond 2^53 included', () => {
    expect(fold('max', i32([1, 5]), i32([4, 2]))).toEqual([4, 5]);
    expect(fold('min', ai(9007199254740993n), ai(9007199254740995n))).toBe(9007199254740993n);
    expect(fold('clamp', ai(7), ai(0), ai(5))).toBe(5);
    expect(fold('abs', i32(-2147483648))).toBe(-2147483648); // §17.5.1: wraps to itself
    expect(fold('abs', ai(-(2n ** 63n)))).toBe(-(2n ** 63n)); // as Chrome folds it
    expect(fold('sign', i32([-3, 0, 3]))).toEqual([-1, 0, 1]);
    expect(fold('max', ai(1), af(2.5))).toBe(2.5);
    expect(fold('select', ai(9007199254740993n), f32(1), { value: false, kind: 'bool' })).toBe(
      9007199254740992,
    );
    expect(fold('select', i32([1, 2]), i32([3, 4]), { value: [true, false], kind: 'bool' })).toEqual([3, 2]);
  });

  it('folds geometric functions of whole vectors', () => {
    expect(fold('length', af([3, 4]))).toBe(5);
    expect(fold('distance', af([1, 1]), af([4, 5]))).toBe(5);
    expect(fold('normalize', af([3, 4]))).toEqual([0.6, 0.8]);
    expect(fold('normalize', af([0, 0]))).toContain("'normalize' of a zero vector");
    expect(fold('cross', af([1, 0, 0]), af([0, 1, 0]))).toEqual([0, 0, 1]);
    expect(fold('reflect', af([1, -1]), af([0, 1]))).toEqual([1, 1]);
  });

  it('folds bit functions on i32 and u32 (WGSL §17.5.6-§17.5.13, §17.5.25)', () => {
    expect(fold('countOneBits', u32(0xf0f0))).toBe(8);
    expect(fold('countOneBits', i32(-1))).toBe(32);
    expect(fold('reverseBits', u32(1))).toBe(0x80000000);
    expect(fold('reverseBits', i32(1))).toBe(-2147483648);
    expect(fold('firstLeadingBit', i32([-1, 0, -2, 8]))).toEqual([-1, -1, 0, 3]);
    expect(fold('firstLeadingBit', u32(0))).toBe(0xffffffff);
    expect(fold('firstTrailingBit', u32(8))).toBe(3);
    expect(fold('countLeadingZeros', ai(1))).toBe(31);
    expect(fold('extractBits', i32(0xf0), u32(4), u32(4))).toBe(-1); // sign-extended
    expect(fold('extractBits', u32(0xf0), u32(4), u32(4))).toBe(15);
    expect(fold('insertBits', u32(0), u32(0xff), u32(8), u32(4))).toBe(0xf00);
    expect(fold('extractBits', u32(1), u32(30), u32(3))).toBe(
      "'extractBits' offset 30 + count 3 is greater than 32 in a const-expression",
    );
    expect(fold('insertBits', i32(0), i32(1), u32(32), u32(1))).toContain('greater than 32');
  });

  it('packs and unpacks by the spec formulas (WGSL §17.9, §17.10)', () => {
    // floor(0.5 + 127 × -0.5) = -63, not round-half-even's -64.
    expect(fold('pack4x8snorm', f32([-0.5, 0, 1, -1]))).toBe(0x817f00c1);
    expect(fold('pack4x8unorm', f32([0, 0.5, 1, 2]))).toBe(0xffff8000);
    expect(fold('pack2x16float', f32([1, -2]))).toBe(0xc0003c00);
    expect(fold('pack2x16float', f32([1e5, 0]))).toContain('outside f16');
    expect(fold('pack4xI8', i32([-1, 1, -128, 127]))).toBe(0x7f8001ff);
    expect(fold('pack4xU8Clamp', u32([300, 1, 2, 3]))).toBe(0x030201ff);
    expect(fold('unpack4x8snorm', u32(0x817f00c1))).toEqual([Math.fround(-63 / 127), 0, 1, -1]);
    expect(fold('unpack2x16float', u32(0xc0003c00))).toEqual([1, -2]);
    expect(fold('unpack4xI8', u32(0x7f8001ff))).toEqual([-1, 1, -128, 127]);
  });

  it('leaves what it does not know to run time', () => {
    expect(fold('frexp', af(1))).toBeUndefined();
    expect(fold('sqrt', i32(4))).toBeUndefined(); // no i32 overload: the checker rejects it
  });
});
