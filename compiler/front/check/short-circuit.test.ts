import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';

/** The first diagnostic of a kernel whose body is `line` (line 4), or '' when it translates. */
function first(line: string): string {
  const r = translate(
    `fn a(v: i32) -> i32 { return v; }\n@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n@compute @workgroup_size(1) fn main() {\n  ${line}\n}\n`,
    { file: 'k.wgsl', target: 'cpu' },
  );
  return r.ok ? '' : formatDiagnostic(r.diagnostics[0]!);
}

describe('a right side a const left side decides is not evaluated (WGSL §8.7 short-circuit)', () => {
  it('reports no const-expression error in it (Tint bug/chromium/339704114)', () => {
    expect(first('_ = false && (0 < a(4294967295));')).toBe('');
    expect(first('_ = true || (1 / 0 == 0);')).toBe('');
    expect(first('let x = false && (i32(1e10) < 1i + 2147483647i);')).toBe('');
  });

  it('still evaluates a right side the left side does not decide', () => {
    expect(first('_ = true && (0 < a(4294967295));')).toBe(
      'k.wgsl:4:22: error: 4294967295 does not fit in i32',
    );
    expect(first('_ = false || (1 / 0 == 0);')).toContain(
      "AbstractInt '/' overflows 64 bits or divides by zero",
    );
  });

  it('still type-checks it, and checks a callee first named there in full', () => {
    expect(first('_ = false && (0 < 1u + 1i);')).toContain("no operator '+' for u32 and i32");
    const r = translate(
      'fn b() -> i32 { return 1i + 2147483647i; }\n@compute @workgroup_size(1) fn main() {\n  _ = false && (b() > 0);\n}\n',
      { file: 'k.wgsl', target: 'cpu' },
    );
    expect(r.ok ? '' : formatDiagnostic(r.diagnostics[0]!)).toContain(
      "i32 '+' overflows in a const-expression",
    );
  });
});
