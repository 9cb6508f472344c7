import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';

/** The first diagnostic of a kernel with module-scope `const N = 2;` and body `line` (line 4). */
function first(line: string): string {
  const r = translate(
    `const N = 2;\n@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n@compute @workgroup_size(1) fn main() {\n  ${line}\n}\n`,
    { file: 'k.wgsl', target: 'cpu' },
  );
  return r.ok ? '' : formatDiagnostic(r.diagnostics[0]!);
}

describe('a function-scope const in a type written in the function (WGSL §7.2, §8.8)', () => {
  it('sizes an array declared or constructed after it', () => {
    expect(first('const d = 3; var a: array<u32, d>; a[2] = 1u;')).toBe('');
    expect(first('const d = 3; var a: array<u32, d>; a[3] = 1u;')).toBe(
      'k.wgsl:4:40: error: index 3 is out of bounds',
    );
    expect(first('const d = 2.0; let a = array<u32, u32(d) + 1>(); out[0] = a[3];')).toContain(
      'index 3 is out of bounds',
    );
    expect(first('const v = vec2(3, 4); var a: array<u32, v.y>; a[3] = 1u; out[0] = a[3];')).toBe('');
  });

  it('hides a module-scope name: a let of that name is no const-expression', () => {
    expect(first('var a: array<u32, N>; a[1] = 1u;')).toBe('');
    expect(first('let N = 3; var a: array<u32, N>;')).toBe(
      'k.wgsl:4:32: error: array element count must be a constant integer expression',
    );
    expect(first('const N = 5; var a: array<u32, N>; a[4] = 1u; out[0] = a[4];')).toBe('');
  });

  it('leaves module-scope declarations at module scope', () => {
    const r = translate(
      `const K = 2;\nconst M = K * 2;\nstruct S { a: array<u32, K> }\n@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n@compute @workgroup_size(1) fn main() {\n  const K = 7;\n  var s: S; var m: array<u32, M>;\n  s.a[1] = 1u; m[3] = 2u; out[0] = s.a[1] + m[3] + u32(K);\n}\n`,
      { file: 'k.wgsl', target: 'cpu' },
    );
    expect(r.ok ? '' : formatDiagnostic(r.diagnostics[0]!)).toBe('');
    const bad = translate(
      `const K = 2;\nstruct S { a: array<u32, K> }\n@compute @workgroup_size(1) fn main() {\n  const K = 7;\n  var s: S; s.a[2] = 1u;\n}\n`,
      { file: 'k.wgsl', target: 'cpu' },
    );
    expect(bad.ok ? '' : formatDiagnostic(bad.diagnostics[0]!)).toContain('index 2 is out of bounds');
  });
});
