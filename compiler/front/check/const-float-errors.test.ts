import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';

/** The first diagnostic of a kernel whose body is `line` (line 3), or '' when it translates. */
function first(line: string, enables = ''): string {
  const r = translate(
    `${enables}@group(0) @binding(0) var<storage, read_write> out: array<f32>;\n@compute @workgroup_size(1) fn main() {\n  ${line}\n}\n`,
    { file: 'k.wgsl', target: 'cpu' },
  );
  return r.ok ? '' : formatDiagnostic(r.diagnostics[0]!);
}

describe('float const-expressions must stay finite (WGSL §5.2, §8.7, §15.7.6)', () => {
  it('rejects float literals their type cannot represent', () => {
    expect(first('out[0] = 1e39f;')).toBe('k.wgsl:3:12: error: 1e39f does not fit in f32');
    expect(first('out[0] = f32(1e400);')).toBe('k.wgsl:3:16: error: 1e400 does not fit in an AbstractFloat');
    expect(first('let h = 65520.0h;', 'enable f16;\n')).toBe(
      'k.wgsl:4:11: error: 65520.0h does not fit in f16',
    );
    expect(first('out[0] = 3.4028235e38f; let h = 65504.0h;', 'enable f16;\n')).toBe('');
  });

  it('rejects const arithmetic, conversions and built-ins that overflow or divide by zero', () => {
    expect(first('out[0] = 3.4028235e38f + 0x1.fffffep127f;')).toBe(
      "k.wgsl:3:26: error: f32 '+' has no finite value in a const-expression (overflow or division by zero)",
    );
    expect(first('out[0] = 0.0f / 0.0f;')).toContain("3:17: error: f32 '/' has no finite value");
    expect(first('out[0] = f32(1e39);')).toContain("3:12: error: f32 'f32(…)' has no finite value");
    expect(first('const z = 1.0 / 0.0;')).toContain("3:17: error: AbstractFloat '/' has no finite value");
    expect(first('out[0] = f32(dot(vec2f(3e38f, 1.0f), vec2f(10.0f, 1.0f)));')).toContain(
      "f32 'dot(…)' has no finite value",
    );
  });

  it('leaves run-time values and finite const results alone', () => {
    expect(first('let a = 0.0f; out[0] = 1.0f / a;')).toBe('');
    expect(first('out[0] = 3e38f * 0.5f * 2.0f + 1e308 * 1e-300;')).toBe('');
  });
});
