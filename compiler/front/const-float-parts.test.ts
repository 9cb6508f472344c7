import { describe, expect, it } from 'vitest';
import { foldBuiltin } from './const-builtins';
import { floatPartsMember, frexpParts, ldexp } from './const-float-parts';
import type { Typed } from './const-value';

const af = (value: number | number[]): Typed => ({ value, kind: 'abstract-float' });
const f32 = (value: number | number[]): Typed => ({ value, kind: 'f32' });
const ai = (value: number | number[]): Typed => ({ value, kind: 'abstract-int' });
const i32 = (value: number | number[]): Typed => ({ value, kind: 'i32' });

/** The value of a fold, or its error text. */
const folded = (r: Typed | { error: string } | undefined) => (r && 'error' in r ? r.error : r?.value);

describe('frexp, modf and ldexp as const-expressions (WGSL §17.5.22, §17.5.33, §17.5.29)', () => {
  it('splits a float into a fraction in [0.5, 1) and an exponent, as C frexp', () => {
    expect(frexpParts(1.5)).toEqual([0.75, 1]);
    expect(frexpParts(8)).toEqual([0.5, 4]);
    expect(frexpParts(-0.1)).toEqual([-0.8, -3]);
    expect(frexpParts(0)).toEqual([0, 0]);
    expect(frexpParts(2 ** -1074)).toEqual([0.5, -1073]); // the smallest subnormal
    expect(frexpParts(Number.MAX_VALUE)[1]).toBe(1024);
  });

  it('folds the members of frexp and modf in the kinds the result structures hold', () => {
    expect(floatPartsMember('frexp', 'exp', af(1.5))).toEqual({ value: 1, kind: 'abstract-int' });
    expect(floatPartsMember('frexp', 'exp', f32([1.5, 8]))).toEqual({ value: [1, 4], kind: 'i32' });
    expect(floatPartsMember('frexp', 'fract', ai(12))).toEqual({ value: 0.75, kind: 'abstract-float' });
    expect(floatPartsMember('modf', 'whole', af(-2.5))).toEqual({ value: -2, kind: 'abstract-float' });
    expect(floatPartsMember('modf', 'fract', af([-2.5, 3.25]))?.value).toEqual([-0.5, 0.25]);
    expect(floatPartsMember('modf', 'exp', af(1))).toBeUndefined();
  });

  it('scales by 2^e2, and rejects an exponent past bias + 1 or a result without a finite value', () => {
    expect(ldexp(f32(1.5), i32(3))).toEqual({ value: 12, kind: 'f32' });
    expect(folded(ldexp(af([1, 3]), ai([-1, 1023])))).toEqual([0.5, 3 * 2 ** 1023]);
    expect(folded(ldexp(af(2 ** 1000), ai(-2000)))).toBe(2 ** -1000); // no intermediate underflow
    expect(ldexp(f32(1), i32(200))).toEqual({
      error: "'ldexp' exponent 200 is greater than 128, the most f32 allows, in a const-expression",
    });
    expect(ldexp(af(1), ai(1025))).toHaveProperty('error');
    expect(folded(foldBuiltin('ldexp', [f32(1), i32(128)]))).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('refract and faceForward as const-expressions (WGSL §17.5.40, §17.5.20)', () => {
  it('refracts, giving the zero vector under total internal reflection', () => {
    const r = foldBuiltin('refract', [af([1, 0]), af([0, 1]), af(0.5)]);
    expect(folded(r)).toEqual([0.5, -Math.sqrt(0.75)]);
    expect(folded(foldBuiltin('refract', [af([0.8, -0.6]), af([0, 1]), af(2)]))).toEqual([0, 0]);
  });

  it('faces forward: e1 when dot(e2, e3) < 0, else -e1', () => {
    expect(folded(foldBuiltin('faceForward', [af([1, 2]), af([1, 0]), af([-1, 0])]))).toEqual([1, 2]);
    expect(folded(foldBuiltin('faceForward', [f32([1, 2]), f32([1, 0]), f32([1, 0])]))).toEqual([-1, -2]);
  });
});
