import { describe, expect, it } from 'vitest';
import { CompileError, toDiagnostics } from './diagnostics';
import { MAX_SOURCE_CHARS } from './front/lexer';
import { MAX_NESTING } from './front/parser';
import { formatDiagnostic, translate } from './index';

function errors(source: string): string[] {
  const r = translate(source, { file: 'k.wgsl', target: 'cuda' });
  if (r.ok) throw new Error('expected a diagnostic');
  return r.diagnostics.map(formatDiagnostic);
}

const OUT = '@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n';

describe('diagnostics are positioned (file:line:col: error: message)', () => {
  it('points at the token that breaks the grammar', () => {
    expect(errors('@compute @workgroup_size(1)\nfn main() {\n  let x = 1u\n  let y = 2u;\n}')).toEqual([
      "k.wgsl:4:3: error: expected ';' after statement, found 'let'",
    ]);
    expect(errors('fn f() {\n  var a = (1 + ;\n}')).toEqual([
      "k.wgsl:2:16: error: expected an expression, found ';'",
    ]);
    expect(errors('fn f() {')).toEqual(["k.wgsl:1:9: error: expected '}' to close the block opened at 1:8"]);
  });

  it('reports unknown characters and unterminated comments', () => {
    expect(errors('fn f() { let a = 1 $ 2; }')).toEqual(["k.wgsl:1:20: error: unexpected character '$'"]);
    expect(errors('\n  /* never closed')).toEqual(['k.wgsl:2:3: error: unterminated block comment']);
    // Whole code points with their number: an emoji (two UTF-16 units), an invisible byte-order mark.
    expect(errors('fn f() { let a = 1 \u{1F600} 2; }')).toEqual([
      "k.wgsl:1:20: error: unexpected character '\u{1F600}' (U+1F600)",
    ]);
    expect(errors('\uFEFFfn f() {}')).toEqual(["k.wgsl:1:1: error: unexpected character '\uFEFF' (U+FEFF)"]);
  });

  it('reports an AbstractInt const-expression that leaves i64 (WGSL §8.7), and literals past i64', () => {
    const main = (body: string) => `${OUT}@compute @workgroup_size(1) fn main() { ${body} }`;
    expect(errors(main('out[0] = u32((9223372036854775807 + 1) % 7);'))).toEqual([
      "k.wgsl:2:75: error: AbstractInt '+' overflows 64 bits or divides by zero in a const-expression",
    ]);
    // WGSL §8.7: negating the most negative AbstractInt gives it back, no error (Tint, Chrome).
    const negMin = main('out[0] = u32(-(-(-9223372036854775807 - 1) % 7));');
    expect(translate(negMin, { file: 'k.wgsl', target: 'cuda' }).ok).toBe(true);
    expect(errors(main('out[0] = u32(9223372036854775808 % 7);'))).toEqual([
      'k.wgsl:2:54: error: 9223372036854775808 does not fit in a 64-bit AbstractInt',
    ]);
    // An AbstractInt concretized to i32, or converted by u32(e), must fit (WGSL §15.7, u32(e)).
    expect(
      errors(
        `${OUT}var<private> big = 4294967296 / 2;\n@compute @workgroup_size(1) fn main() { out[0] = u32(big); }`,
      ),
    ).toEqual(['k.wgsl:2:31: error: 2147483648 does not fit in i32']);
    expect(errors(main('out[0] = u32(-7 / 2);'))).toEqual(['k.wgsl:2:57: error: -3 does not fit in u32']);
    expect(
      translate(main('out[0] = u32(9223372036854775807 % 7);'), { file: 'k.wgsl', target: 'cpu' }).ok,
    ).toBe(true);
  });

  it('reports a concrete i32/u32 const-expression with no value at its operator (WGSL §8.7, §8.9)', () => {
    const main = (body: string) => `${OUT}@compute @workgroup_size(1) fn main() { ${body} }`;
    // Body text starts at column 41 of line 2; each diagnostic points at the failing operator.
    const cases: [string, string][] = [
      ['out[0] = u32(0i % 0i);', '2:57: error: integer division by zero in a const-expression: 0i % 0i'],
      ['out[0] = u32(1i / 0i);', '2:57: error: integer division by zero in a const-expression: 1i / 0i'],
      [
        'out[0] = 117901063u << 20u;',
        '2:61: error: 117901063u << 20u shifts out significant bits: the result cannot be represented as u32',
      ],
      [
        'out[0] = u32(1i << 31u);',
        '2:57: error: 1i << 31u shifts out significant bits: the result cannot be represented as i32',
      ],
      [
        'out[0] = u32(2147483647i + 1i);',
        "2:66: error: i32 '+' overflows in a const-expression: 2147483647i + 1i = 2147483648 cannot be represented as i32",
      ],
      [
        'out[0] = u32((-2147483647i - 1i) / -1i);',
        "2:74: error: i32 '/' overflows in a const-expression: -2147483648i / -1i = 2147483648 cannot be represented as i32",
      ],
      [
        'out[0] = u32((-2147483647i - 1i) % -1i);',
        "2:74: error: i32 '%' overflows in a const-expression: -2147483648i % -1i = 2147483648 cannot be represented as i32",
      ],
      [
        'out[0] = 0u - 1u;',
        "2:53: error: u32 '-' overflows in a const-expression: 0u - 1u = -1 cannot be represented as u32",
      ],
      [
        'out[0] = u32(65536i * 65536i);',
        "2:61: error: i32 '*' overflows in a const-expression: 65536i * 65536i = 4294967296 cannot be represented as i32",
      ],
      // Through a named const, and an AbstractInt operand converted to the concrete type.
      [
        'const C = 2147483647i; out[0] = u32(C + 1);',
        "2:79: error: i32 '+' overflows in a const-expression: 2147483647i + 1i = 2147483648 cannot be represented as i32",
      ],
      [
        'const D = 0u - 1u; out[0] = D;',
        "2:54: error: u32 '-' overflows in a const-expression: 0u - 1u = -1 cannot be represented as u32",
      ],
      // The literal itself is out of range, as in Tint; and an AbstractInt converted by i32(e).
      ['out[0] = u32(-2147483648i / -1i);', '2:55: error: 2147483648i does not fit in i32'],
      ['out[0] = u32(i32(3000000000));', '2:58: error: 3000000000 does not fit in i32'],
    ];
    for (const [body, message] of cases) expect(errors(main(body))).toEqual([`k.wgsl:${message}`]);
    expect(
      errors(`${OUT}const C = 2147483647i + 1i;\n@compute @workgroup_size(1) fn main() { out[0] = u32(C); }`),
    ).toEqual([
      "k.wgsl:2:23: error: i32 '+' overflows in a const-expression: 2147483647i + 1i = 2147483648 cannot be represented as i32",
    ]);
  });

  it('lets the runtime and override counterparts of those const-expression errors translate', () => {
    const ok = (src: string) => {
      const r = translate(src, { file: 'k.wgsl', target: 'cpu' });
      return r.ok ? 'ok' : r.diagnostics.map(formatDiagnostic).join('\n');
    };
    // Runtime operands (a parameter, a let of a buffer read, a var) wrap: x / 0 = x, x % 0 = 0.
    expect(
      ok(
        `${OUT}fn f(a: i32) -> i32 { return a / 0i + (a << 31u) + a % 0; }\n` +
          '@compute @workgroup_size(1) fn main() { let x = i32(out[0]); let z = 0u;\n' +
          '  out[1] = u32(f(x) + 2147483647i + (x * 65536i) * 65536i) + 1u / z + (z - 1u) + (117901063u << (z + 20u));\n' +
          '  var v = 2147483647i; v += 1i; out[2] = u32(v); }',
      ),
    ).toBe('ok');
    // An override-expression is evaluated at pipeline creation, with the values given there.
    expect(
      ok(
        `${OUT}override O: i32 = 2147483647;\n@compute @workgroup_size(1) fn main() { out[0] = u32(O + 1i); }`,
      ),
    ).toBe('ok');
    // In-range const-expressions still fold, including abs of the most negative i32 (WGSL §17.5.1).
    expect(
      ok(
        `${OUT}@compute @workgroup_size(1) fn main() { out[0] = u32(abs(-2147483647i - 1i)); out[1] = 1u << 31u; out[2] = u32(-1i << 31u); out[3] = u32(7i % -1i); }`,
      ),
    ).toBe('ok');
  });

  it('refuses override values their type cannot hold', () => {
    const src = `${OUT}override F: f32;\noverride I: i32;\n@compute @workgroup_size(1) fn main() { out[0] = u32(F) + u32(I); }`;
    const message = (overrides: Record<string, number>) => {
      const r = translate(src, { file: 'k.wgsl', target: 'cpu', overrides });
      return r.ok ? 'ok' : r.diagnostics.map(formatDiagnostic).join('\n');
    };
    expect(message({ F: 1e300, I: 1 })).toBe(
      "k.wgsl:2:1: error: value 1e+300 does not fit override 'F' of type f32",
    );
    expect(message({ F: 1, I: 2 ** 31 })).toBe(
      "k.wgsl:3:1: error: value 2147483648 does not fit override 'I' of type i32",
    );
    expect(message({ F: 3e38, I: -1 })).toBe('ok');
  });

  it('stops an operator chain too long to translate at the operator that makes it so', () => {
    const terms = (n: number) => Array.from({ length: n }, () => 'out[1]').join(' + ');
    expect(errors(`${OUT}@compute @workgroup_size(1) fn main() {\n  out[0] = ${terms(600)};\n}`)).toEqual([
      `k.wgsl:3:${12 + 513 * 6 + 512 * 3 + 1}: error: more than 512 operators in one expression; split it into several let declarations`,
    ]);
    expect(
      translate(`${OUT}@compute @workgroup_size(1) fn main() { out[0] = ${terms(500)}; }`, { target: 'cpu' })
        .ok,
    ).toBe(true);
    // Counted across precedence levels: 300 products plus 299 sums make one expression of 599.
    const mixed = Array.from({ length: 300 }, () => 'out[1] * out[2]').join(' + ');
    expect(errors(`${OUT}@compute @workgroup_size(1) fn main() {\n  out[0] = ${mixed};\n}`)[0]).toMatch(
      /^k\.wgsl:3:\d+: error: more than 512 operators in one expression/,
    );
  });

  it('names an override that has no value where a constant is needed', () => {
    expect(
      errors(`${OUT}override WG: u32;\n@compute @workgroup_size(WG * 2u) fn main() { out[0] = 1u; }`),
    ).toEqual(["k.wgsl:3:26: error: override 'WG' has no value; give one in the workload's overrides"]);
    expect(
      errors(
        `${OUT}override N: u32;\nvar<workgroup> t: array<u32, N>;\n@compute @workgroup_size(1) fn main() { t[0] = 1u; }`,
      ),
    ).toEqual(["k.wgsl:3:30: error: override 'N' has no value; give one in the workload's overrides"]);
  });

  it('reports unknown names and type errors at the expression', () => {
    expect(errors(`${OUT}@compute @workgroup_size(1) fn main() {\n  out[0] = nope;\n}`)).toEqual([
      "k.wgsl:3:12: error: unknown identifier 'nope'",
    ]);
    expect(errors(`${OUT}@compute @workgroup_size(1) fn main() {\n  out[0] = 1.5f;\n}`)).toEqual([
      'k.wgsl:3:12: error: cannot assign f32 to u32',
    ]);
    expect(
      errors(`${OUT}@compute @workgroup_size(1) fn main() {\n  let v = vec2f(1.0);\n  out[0] = v.z;\n}`),
    ).toEqual(["k.wgsl:4:13: error: swizzle '.z' is out of range for vec2<f32>"]);
  });

  it('rejects writes to read-only storage', () => {
    const src = `@group(0) @binding(0) var<storage, read> inp: array<u32>;
@compute @workgroup_size(1) fn main() { inp[0] = 1u; }`;
    expect(errors(src)).toEqual(['k.wgsl:2:41: error: cannot write to read-only storage memory']);
  });

  it('says "not supported yet" for valid WGSL the translator cannot handle', () => {
    expect(errors('@group(0) @binding(0) var t: texture_external;')[0]).toBe(
      "k.wgsl:1:30: error: 'texture_external' (external textures (video frames)) is not supported yet",
    );
    expect(
      errors(
        `enable f16;\nenable subgroups;\n${OUT}@compute @workgroup_size(32) fn main() {\n  let h = subgroupAdd(1.0h);\n}`,
      )[0],
    ).toBe("k.wgsl:5:11: error: 'subgroupAdd' on f16 values is not supported yet");
    expect(errors(`${OUT}@compute @workgroup_size(32) fn main() {\n  out[0] = subgroupAdd(1u);\n}`)[0]).toBe(
      "k.wgsl:3:12: error: subgroup operations require 'enable subgroups;'",
    );
    // A let pointer fixes its buffer (translated); a pointer parameter's buffer depends on the caller.
    const viaParam = `struct S { n: u32, a: array<u32> }
@group(0) @binding(0) var<storage, read_write> s: S;
fn len(p: ptr<storage, S, read_write>) -> u32 { return arrayLength(&p.a); }
@compute @workgroup_size(1) fn main() { s.n = len(&s); }`;
    expect(errors(viaParam)[0]).toBe(
      'k.wgsl:3:70: error: a runtime-sized array reached through a pointer parameter is not supported yet',
    );
  });

  it('does not fold a module function named like a builtin as the builtin', () => {
    const src =
      'fn clamp(a: i32, b: i32, c: i32) -> i32 { return 7; }\n@compute @workgroup_size(clamp(9, 1, 2)) fn main() {}';
    expect(errors(src)).toEqual([
      'k.wgsl:2:26: error: @workgroup_size must be a constant integer expression',
    ]);
  });

  it('rejects recursion and missing entry points', () => {
    expect(errors('fn a() { a(); }\n@compute @workgroup_size(1) fn main() { a(); }')[0]).toBe(
      "k.wgsl:1:10: error: function 'a' is recursive; WGSL forbids recursion",
    );
    expect(errors('fn a() {}')).toEqual(['k.wgsl:1:1: error: the module has no @compute entry point']);
  });

  it('enforces the source size limit', () => {
    const big = `// ${'x'.repeat(MAX_SOURCE_CHARS)}\n`;
    expect(errors(big)[0]).toMatch(/^k\.wgsl:1:1: error: source is \d+ characters; the limit is \d+$/);
  });

  it('enforces the nesting limit for expressions and blocks', () => {
    const deepExpr = `fn f() -> i32 { return ${'('.repeat(MAX_NESTING + 5)}1${')'.repeat(MAX_NESTING + 5)}; }`;
    expect(errors(deepExpr)[0]).toMatch(/nesting is deeper than the limit of 128/);
    const deepBlocks = `fn f() { ${'{'.repeat(MAX_NESTING + 5)}${'}'.repeat(MAX_NESTING + 5)} }`;
    expect(errors(deepBlocks)[0]).toMatch(/^k\.wgsl:1:\d+: error: nesting is deeper than the limit of 128$/);
  });

  it('turns internal failures into diagnostics at the best known position', () => {
    const pos = { line: 3, col: 4, offset: 20 };
    expect(toDiagnostics(new Error('boom'), 'f.wgsl', pos)).toEqual([
      { file: 'f.wgsl', line: 3, col: 4, severity: 'error', message: 'internal translator error: boom' },
    ]);
    expect(toDiagnostics(new CompileError(pos, 'bad'), 'f.wgsl')[0]!.message).toBe('bad');
  });
});
