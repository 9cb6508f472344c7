import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';

/** The first diagnostic of a kernel with module-scope `decls` (line 1) and body `line` (line 4). */
function first(line: string, decls = ''): string {
  const r = translate(
    `${decls}\n@group(0) @binding(0) var<storage, read_write> out: array<f32>;\n@compute @workgroup_size(1) fn main() {\n  ${line}\n}\n`,
    { file: 'k.wgsl', target: 'cpu' },
  );
  return r.ok ? '' : formatDiagnostic(r.diagnostics[0]!);
}

describe('matrix, frexp/modf/ldexp, refract and faceForward const-expressions (WGSL §8.7, §17)', () => {
  it('folds them into places that need a const-expression', () => {
    const decls =
      'const M = mat2x2(1.0, 2.0, 3.0, 4.0); const N = u32(-determinant(M)) + u32(transpose(mat2x3(1, 2, 3, 4, 5, 6))[2][1]);';
    expect(first('var a: array<u32, N>; out[0] = f32(a[7]);', decls)).toBe('');
    expect(first('var a: array<u32, N>; out[0] = f32(a[8]);', decls)).toBe(
      'k.wgsl:4:40: error: index 8 is out of bounds',
    );
    expect(first('var a: array<u32, u32((M * M)[1][0])>; out[0] = f32(a[15]);', decls)).toContain(
      'index 15 is out of bounds',
    );
    expect(first('var a: array<u32, frexp(vec2(1.5, 8.0)).exp.y>; out[0] = f32(a[4]);')).toContain(
      'index 4 is out of bounds',
    );
    expect(first('var a: array<u32, u32(-modf(-2.5).whole)>; out[0] = f32(a[2]);')).toContain(
      'index 2 is out of bounds',
    );
    const ff = 'const F = faceForward(vec2(1.0, 2.0), vec2(1.0, 0.0), vec2(-1.0, 0.0));';
    expect(first('var a: array<u32, u32(F.y)>; out[0] = f32(a[2]);', ff)).toContain(
      'index 2 is out of bounds',
    );
  });

  it('reports an overflowing matrix operation or determinant at its operator', () => {
    expect(first('let m = mat2x2f(3e38, 1, 1, 1) * 2.0;')).toBe(
      "k.wgsl:4:34: error: f32 '*' has no finite value in a const-expression (overflow or division by zero) (column 0, row 0)",
    );
    expect(first('let v = mat2x2f(1, 1, 1, 3e38) * vec2f(1, 3e38);')).toContain(
      "f32 '*' has no finite value",
    );
    expect(first('let m = mat2x2(1.0, 2.0, 3.0, 4.0) + mat2x2(1e308, 1.0, 1.0, 1.0) * 2.0;')).toContain(
      "AbstractFloat '*' has no finite value",
    );
    expect(first('let d = determinant(mat2x2f(3e38, 1, 1, 3e38));')).toContain(
      "f32 'determinant(…)' has no finite value",
    );
    expect(first('let d = determinant(mat2x2f(3e18, 1, 1, 3e18));')).toBe('');
  });

  it("rejects ldexp's const exponent past bias + 1, even beside a run-time e1 (Tint: e2 must be <= 128)", () => {
    expect(first('let x = ldexp(1.0f, 200);')).toBe(
      "k.wgsl:4:11: error: 'ldexp' exponent 200 is greater than 128, the most f32 allows, in a const-expression",
    );
    expect(first('let y = out[0]; let x = ldexp(y, 129);')).toContain(
      "'ldexp' exponent 129 is greater than 128",
    );
    expect(first('let y = out[0]; let x = ldexp(y, 128);')).toBe('');
    expect(first('let x = ldexp(1.0f, 128);')).toContain("f32 'ldexp(…)' has no finite value");
    expect(first('let x = ldexp(vec2(1.0), vec2(3, 1025));')).toContain('greater than 1024');
  });

  it('reports an abstract value that does not fit the f32 it becomes (WGSL §15.7.6)', () => {
    expect(first('let z = 1e39;')).toBe('k.wgsl:4:11: error: 1e+39 does not fit in f32');
    expect(first('let z = modf(1e39).whole;')).toContain('1e+39 does not fit in f32');
    expect(first('let z = frexp(1e39).fract;')).toBe('');
  });

  it('types a run-time abstract vector as Chrome does: select(vec2(1), vec2(2), c) is vec2<i32>', () => {
    expect(first('let c = out[0] > 0.0; let v: vec2<u32> = select(vec2(1), vec2(2), c);')).toContain(
      'vec2<i32>',
    );
    expect(first('let c = out[0] > 0.0; let v: vec2<i32> = select(vec2(1), vec2(2), c);')).toBe('');
    expect(first('let c = out[0] > 0.0; let v: vec2<f32> = select(vec2(1.5), vec2(2), c);')).toBe('');
  });
});
