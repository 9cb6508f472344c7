import { describe, expect, it } from 'vitest';
import { foldBuiltin } from './const-builtins';
import { determinant, matrixBinary, matrixOf, transpose } from './const-matrix';
import type { Typed } from './const-value';

const af = (value: number | number[] | number[][]): Typed => ({ value, kind: 'abstract-float' });
const f32 = (value: number | number[] | number[][]): Typed => ({ value, kind: 'f32' });
const ai = (value: number | number[]): Typed => ({ value, kind: 'abstract-int' });

describe('matrix const-expressions (WGSL §8.7, §17.1.1.4, §17.7)', () => {
  it('constructs from column-major scalars, columns, a matrix, or nothing', () => {
    expect(matrixOf(2, 3, 'f32', [1, 2, 3, 4, 5, 6].map(ai))?.value).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(matrixOf(2, 2, undefined, [ai([1, 2]), af([3, 4.5])])).toEqual({
      value: [
        [1, 2],
        [3, 4.5],
      ],
      kind: 'abstract-float',
    });
    // An inferred matrix of AbstractInts holds AbstractFloats (matrices are float only).
    expect(matrixOf(2, 2, undefined, [1, 2, 3, 4].map(ai))?.kind).toBe('abstract-float');
    expect(
      matrixOf(2, 2, 'f32', [
        af([
          [0.1, 2],
          [3, 4],
        ]),
      ])?.value,
    ).toEqual([
      [Math.fround(0.1), 2],
      [3, 4],
    ]);
    expect(matrixOf(3, 2, 'f32', [])?.value).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(matrixOf(2, 2, 'f32', [ai(1), ai(2), ai(3)])).toBeUndefined();
  });

  it('multiplies matrix × matrix, matrix × vector, vector × matrix and by a scalar', () => {
    const m = af([
      [1, 2],
      [3, 4],
    ]); // rows (1 3) and (2 4)
    expect(matrixBinary('*', m, m)?.value).toEqual([
      [7, 10],
      [15, 22],
    ]);
    expect(matrixBinary('*', m, af([1, 1]))?.value).toEqual([4, 6]);
    expect(matrixBinary('*', af([1, 1]), m)?.value).toEqual([3, 7]);
    expect(matrixBinary('*', ai(2), m)?.value).toEqual([
      [2, 4],
      [6, 8],
    ]);
    expect(matrixBinary('-', m, m)?.value).toEqual([
      [0, 0],
      [0, 0],
    ]);
    // A 2×3 (2 columns, 3 rows) times a 3-row column vector does not exist: no value.
    expect(
      matrixBinary(
        '*',
        af([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        af([1, 1, 1]),
      ),
    ).toBeUndefined();
    expect(
      matrixBinary(
        '*',
        af([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        af([1, 1]),
      )?.value,
    ).toEqual([5, 7, 9]);
  });

  it('computes in the kind both operands meet at', () => {
    const third = af([
      [1 / 3, 0],
      [0, 1],
    ]);
    const p = matrixBinary('*', third, f32([1, 1]));
    expect(p).toEqual({ value: [Math.fround(1 / 3), 1], kind: 'f32' });
    expect(matrixBinary('*', ai(3), third)?.kind).toBe('abstract-float');
  });

  it('rounds each f32 step and keeps an overflowed lane for the checker to report', () => {
    const big = f32([
      [3e38, 1],
      [1, 1],
    ]);
    const p = matrixBinary('*', big, f32(2))?.value as number[][];
    expect(p[0]![0]).toBe(Number.POSITIVE_INFINITY);
    expect(p[1]![1]).toBe(2);
    expect(
      matrixBinary(
        '+',
        f32([
          [0.1, 0],
          [0, 0],
        ]),
        f32([
          [0.2, 0],
          [0, 0],
        ]),
      )?.value,
    ).toEqual([
      [Math.fround(Math.fround(0.1) + Math.fround(0.2)), 0],
      [0, 0],
    ]);
  });

  it('transposes and takes determinants of 2×2, 3×3 and 4×4 matrices', () => {
    expect(
      transpose(
        af([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      )?.value,
    ).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(
      determinant(
        af([
          [1, 2],
          [3, 4],
        ]),
      )?.value,
    ).toBe(-2);
    expect(
      determinant(
        af([
          [2, 0, 0],
          [0, 3, 0],
          [1, 1, 4],
        ]),
      )?.value,
    ).toBe(24);
    expect(
      determinant(
        af([
          [1, 0, 2, -1],
          [3, 0, 0, 5],
          [2, 1, 4, -3],
          [1, 0, 5, 0],
        ]),
      )?.value,
    ).toBe(30);
    expect(
      foldBuiltin('determinant', [
        f32([
          [3e38, 1],
          [1, 3e38],
        ]),
      ]),
    ).toEqual({
      value: Number.POSITIVE_INFINITY,
      kind: 'f32',
    });
    expect(
      determinant(
        af([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    ).toBeUndefined(); // not square
  });
});
