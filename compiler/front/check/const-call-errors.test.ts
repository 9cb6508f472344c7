import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';

/** The first diagnostic of a kernel whose body is `line` (line 3), or '' when it translates. */
function first(line: string): string {
  const r = translate(
    `@group(0) @binding(0) var<storage, read_write> out: array<f32>;\n@compute @workgroup_size(1) fn main() {\n  ${line}\n}\n`,
    { file: 'k.wgsl', target: 'cpu' },
  );
  return r.ok ? '' : formatDiagnostic(r.diagnostics[0]!);
}

describe('vector const-expressions and @const built-ins have values or fail (WGSL §8.7, §17)', () => {
  it('rejects a vector operation whose component overflows, naming the component', () => {
    expect(first('let v = vec2i(2147483647) + vec2i(1);')).toBe(
      "k.wgsl:3:29: error: i32 '+' overflows in a const-expression: 2147483647i + 1i = 2147483648 cannot be represented as i32 (component 0)",
    );
    expect(first('const v = vec2(1u, 2u); const w = vec2(3u, 0u); let x = (v / w).x;')).toContain(
      'integer division by zero in a const-expression: 2u / 0u (component 1)',
    );
    // Negating the most negative i32 gives it back (WGSL §8.7), in a vector lane too.
    expect(first('let x = -vec2i(1, -2147483647 - 1);')).toBe('');
    expect(first('let x = vec2f(3e38f) * 2.0;')).toContain("f32 '*' has no finite value");
  });

  it('folds a component of a vector operation or built-in, so its errors surface', () => {
    expect(first('const v = vec2i(2147483647, 1); const w = vec2i(1); let x = (v + w).y;')).toContain(
      "i32 '+' overflows in a const-expression",
    );
    expect(first('const v = vec2i(2147483647, 1); let x = max(v, vec2i(0)).x + 1i;')).toContain(
      "k.wgsl:3:62: error: i32 '+' overflows",
    );
    expect(first('out[0] = f32(max(vec2i(4, 9), vec2i(7)).y);')).toBe('');
  });

  it('rejects built-ins outside their domain or without a finite value', () => {
    expect(first('out[0] = sqrt(-1.0);')).toBe(
      "k.wgsl:3:12: error: 'sqrt' of -1 is outside its domain (>= 0) in a const-expression",
    );
    expect(first('out[0] = log(0.0f);')).toContain("'log' of 0 is outside its domain (> 0)");
    expect(first('out[0] = exp(100.0f);')).toContain("f32 'exp(…)' has no finite value");
    expect(first('let x = smoothstep(1.0, 1.0, 0.5);')).toContain("'smoothstep' with low == high (1)");
    expect(first('let x = extractBits(1u, 30u, 3u);')).toContain("'extractBits' offset 30 + count 3");
    expect(first('let x = normalize(vec2f(0.0));')).toContain("'normalize' of a zero vector");
  });

  it('leaves run-time arguments to run time', () => {
    expect(first('let a = -1.0f; out[0] = sqrt(a) + log(a - a);')).toBe('');
    expect(first('let lo = 1.0; out[0] = smoothstep(lo, 1.0, 0.5);')).toBe('');
  });
});
