import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';

/** The first diagnostic of a kernel whose body is `line` (line 4), or '' when it translates. */
function first(line: string): string {
  const r = translate(
    `const A = array(1, 2, 3);\n@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n@compute @workgroup_size(1) fn main() {\n  let c = out[0] == 1u; let i = out[1];\n  ${line}\n}\n`,
    { file: 'k.wgsl', target: 'cpu' },
  );
  return r.ok ? '' : formatDiagnostic(r.diagnostics[0]!);
}

describe('a run-time expression of abstract type is concrete (WGSL §6.4, §15.7.1)', () => {
  it('types a run-time select or const-array index as i32, so beside a u32 it is an error', () => {
    expect(first('out[2] = select(1, 2, c) + 1u;')).toBe(
      "k.wgsl:5:28: error: no operator '+' for i32 and u32",
    );
    expect(first('out[2] = A[i] * 2u;')).toContain("no operator '*' for i32 and u32");
  });

  it('keeps const-expressions abstract, and converts run-time ones explicitly', () => {
    expect(first('out[2] = select(1, 2, true) + 1u + A[1];')).toBe('');
    expect(first('out[2] = u32(select(1, 2, c)) + u32(A[i]);')).toBe('');
    expect(first('let f: f32 = select(2.5, -3.75, c);')).toBe('');
  });
});
