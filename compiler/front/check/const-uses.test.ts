import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';

function run(src: string) {
  const r = translate(src, { file: 'k.wgsl', target: 'cpu' });
  return r.ok ? { code: r.code, error: '' } : { code: '', error: formatDiagnostic(r.diagnostics[0]!) };
}

const kernel = (decls: string, body: string) =>
  `${decls}\n@group(0) @binding(0) var<storage, read_write> out: array<i32>;\n@compute @workgroup_size(1) fn main() {\n  ${body}\n}\n`;

describe('a const every use of which folds stays abstract and is not written (WGSL §6.4)', () => {
  it('accepts an abstract vector beyond i32 read only through folded components', () => {
    const m = run(kernel('const K = vec2(4294967296, 1);', 'out[0] = K[1] + i32(K.x / 4294967296);'));
    expect(m.error).toBe('');
    expect(m.code).not.toMatch(/const K/);
    const f = run(kernel('', 'const K = vec2(4294967296, 1); out[0] = K[1];'));
    expect(f.error).toBe('');
    expect(f.code).toMatch(/out\S*\[0u?\]|= 1;/);
  });

  it('still materializes a constant a run-time use needs, with its range check', () => {
    const m = run(kernel('const K = vec2(4294967296, 1);', 'let i = u32(out[1]); out[0] = K[i];'));
    expect(m.error).toBe('k.wgsl:1:16: error: 4294967296 does not fit in i32');
    const ok = run(kernel('const K = vec2(7, 1);', 'let i = u32(out[1]); out[0] = K[i];'));
    expect(ok.error).toBe('');
    expect(ok.code).toMatch(/const K/);
  });
});

describe('constants a private initializer writes are kept', () => {
  it('emits a vector const used only by a var<private> initializer', () => {
    const m = run(kernel('const V = vec2(3, 4);\nvar<private> p = V;', 'out[0] = p.y;'));
    expect(m.error).toBe('');
    expect(m.code).toMatch(/const V/);
  });
});
