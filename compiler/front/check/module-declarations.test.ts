import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';

const KERNEL = `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1) fn main() { out[0] = 1u; }
`;

/** The first diagnostic of `decls` (line 1) before a kernel that never uses them, or '' when it translates. */
function first(decls: string, kernel = KERNEL): string {
  const r = translate(`${decls}\n${kernel}`, { file: 'k.wgsl', target: 'cpu' });
  return r.ok ? '' : formatDiagnostic(r.diagnostics[0]!);
}

describe('module-scope declarations are checked used or not (WGSL §7.1, §8.8)', () => {
  it('rejects an unused const whose initializer has no value or no type', () => {
    expect(first('const bad = 1 / 0;')).toBe(
      "k.wgsl:1:15: error: AbstractInt '/' overflows 64 bits or divides by zero in a const-expression",
    );
    expect(first('const a = 1i / 0i;')).toBe(
      'k.wgsl:1:14: error: integer division by zero in a const-expression: 1i / 0i',
    );
    expect(first('const y = vec2(1, 2) + vec3(1, 2, 3);')).toBe(
      "k.wgsl:1:22: error: no operator '+' for vec2<abstract-int> and vec3<abstract-int>",
    );
    expect(first('const big = 9223372036854775807 + 1;')).toContain('k.wgsl:1:33: error: AbstractInt');
  });

  it('rejects a typed const, override or private var whose value does not fit its type', () => {
    expect(first('const x: u32 = -1;')).toBe('k.wgsl:1:16: error: -1 does not fit in u32');
    expect(first('const g: f32 = 1e39;')).toBe('k.wgsl:1:16: error: 1e+39 does not fit in f32');
    expect(first('override k: i32 = 1i / 0i;')).toBe(
      'k.wgsl:1:22: error: integer division by zero in a const-expression: 1i / 0i',
    );
  });

  it('rejects the same in a function-scope const that is never used', () => {
    const kernel = KERNEL.replace('{ out[0]', '{ if (false) { const q: u32 = -1; } out[0]');
    expect(first('', kernel)).toBe('k.wgsl:3:69: error: -1 does not fit in u32');
  });

  it('checks functions no entry point reaches, and emits none of them (WGSL §2.3)', () => {
    expect(first('fn unused() -> u32 { return 1i / 0i; }')).toBe(
      'k.wgsl:1:32: error: integer division by zero in a const-expression: 1i / 0i',
    );
    expect(first('fn unused() { let x: u32 = nope; }')).toBe("k.wgsl:1:28: error: unknown identifier 'nope'");
    // A function only an entry point other than the chosen one calls is checked as well.
    const r = translate(`const K = 3u;\nfn helper() -> u32 { return K; }\n${KERNEL}`, {
      file: 'k.wgsl',
      target: 'cpu',
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.code).not.toMatch(/helper|wgsl:1 const K/);
  });

  it('accepts valid unused declarations and emits none of them', () => {
    const decls =
      'const A = array(1, 2);\nconst B = A[0] + 1;\nconst C: f32 = 3.4028235e38;\noverride O: u32 = 4u;';
    const r = translate(`${decls}\n${KERNEL}`, { file: 'k.wgsl', target: 'cpu' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.code).not.toMatch(/wgsl:1 const A/);
  });

  it('folds const vectors and built-ins into array sizes and @workgroup_size, with positioned errors', () => {
    const ok = translate(
      `const v = vec3(1, 2, 3);\nconst n = v.x + v.z;\nconst m = max(4, 8);\nconst d = dot(v, vec3(1));
var<workgroup> w: array<u32, n + d>;
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(m, select(1, 2, n > 3)) fn main() { out[0] = w[9]; }
`,
      { file: 'k.wgsl', target: 'cpu' },
    );
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.kernels[0]!.workgroupSize).toEqual([8, 2, 1]);
    expect(
      first(
        'const v = vec2(1, -1);\nvar<workgroup> w: array<u32, v.y>;',
        KERNEL.replace('out[0] = 1u', 'out[0] = w[0]'),
      ),
    ).toBe('k.wgsl:2:31: error: array element count must be positive, got -1');
  });
  it('refuses negative @group/@binding and a member @size below its size (WGSL 13.3.2, 14.4.1; red team)', () => {
    expect(first('@group(0) @binding(-1) var<storage, read_write> neg: array<u32>;')).toBe(
      'k.wgsl:1:11: error: @binding must be non-negative, got -1',
    );
    expect(first('@group(-2) @binding(3) var<storage, read> neg: array<u32>;')).toBe(
      'k.wgsl:1:1: error: @group must be non-negative, got -2',
    );
    const member = (m: string) =>
      first(`struct S { ${m} }\n@group(0) @binding(1) var<storage, read_write> s: array<S>;`);
    expect(member('@size(1) a: vec4<f32>')).toBe(
      'k.wgsl:1:21: error: @size(1) is smaller than vec4<f32> (16 bytes); it must be at least that',
    );
    expect(member('@size(-4) a: u32')).toMatch(/@size\(-4\) is smaller than u32 \(4 bytes\)/);
    expect(member('@size(16) a: vec3<f32>, b: u32')).toBe('');
  });
});
