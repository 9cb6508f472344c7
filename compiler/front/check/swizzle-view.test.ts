import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';

const DECLS = `@group(0) @binding(0) var<storage, read_write> buf: vec4f;
@group(0) @binding(1) var<storage, read> ro: vec4f;
var<private> pv: vec4f;`;

/** The first diagnostic of a kernel whose body (from line 5, column 3) is `body`, or '' when it translates. */
function first(body: string): string {
  const wgsl = `${DECLS}\n@compute @workgroup_size(1) fn main() {\n  ${body}\n}`;
  const r = translate(wgsl, { file: 'k.wgsl', target: 'cpu' });
  return r.ok ? '' : formatDiagnostic(r.diagnostics[0]!);
}

describe('swizzle assignment (WGSL swizzle_assignment; Tint resolver/swizzle_assignment_test.cc)', () => {
  it.each([
    'var v = vec4f(); v.xy = vec2f(2, 3);',
    'var v = vec4f(); v.zw += vec2f(1);',
    'var v = vec4u(); v.x++;',
    'var v = vec4f(); v.zyx.y = 1.0;',
    'var v = vec4f(); v.zyx.xy = vec2f(1);',
    'var v = vec4f(); v.xxy.x = 1.0;',
    'var v = vec4f(); v.xyy.xy = vec2f(1);',
    'var v = vec4f(); v.xx[0] = 1.0;',
    'var v = vec4f(); var i = 1; v.xyz[i] = 1.0;',
    'buf.rgb *= vec3f(2);',
    'pv.wz = vec2f(1);',
    'let p = &pv; p.yx = vec2f(1); (*p).zw = vec2f(2);',
    'var a: array<vec3f, 2>; a[1].zx = vec2f(1);',
  ])('accepts %s', (body) => {
    expect(first(body)).toBe('');
  });

  it('refuses a target whose composed components repeat, at the start of the left side', () => {
    const msg =
      'error: cannot assign to a vector swizzle with a repeated component (each component can be written once)';
    expect(first('var v = vec4f(); v.xx = vec2f(1, 2);')).toBe(`k.wgsl:5:20: ${msg}`);
    expect(first('var v = vec4f(); v.xyy.yy = vec2f(1);')).toBe(`k.wgsl:5:20: ${msg}`);
    expect(first('var v = vec4f(); v.xxyy.xy += vec2f(1);')).toBe(`k.wgsl:5:20: ${msg}`);
    expect(first('pv.rgr = vec3f(1);')).toBe(`k.wgsl:5:3: ${msg}`);
  });

  it('refuses a swizzle of a value, of a let, of read-only memory, and ++ on a view', () => {
    expect(first('let v = vec4f(); v.xy = vec2f(1);')).toBe(
      'k.wgsl:5:20: error: cannot assign to a value; the left side must be a variable, an element or a member',
    );
    expect(first('vec4f().xy = vec2f(1);')).toBe(
      'k.wgsl:5:3: error: cannot assign to a value; the left side must be a variable, an element or a member',
    );
    expect(first('ro.xy = vec2f(1);')).toBe('k.wgsl:5:3: error: cannot write to read-only storage memory');
    expect(first('var v = vec4u(); v.yz.y++;')).toBe(
      'k.wgsl:5:20: error: cannot increment or decrement a component of a vector swizzle; name the component directly (v.y++)',
    );
    expect(first('var v = vec4u(); v.xyz[1] += 1u; v.xyz[1]--;')).toBe(
      'k.wgsl:5:36: error: cannot increment or decrement a component of a vector swizzle; name the component directly (v.y++)',
    );
  });

  it('refuses the wrong type, the address of a view, and an out-of-range component', () => {
    expect(first('var v = vec4f(); v.xy = vec3f(1);')).toBe(
      'k.wgsl:5:27: error: cannot assign vec3<f32> to vec2<f32>',
    );
    expect(first('var v = vec4f(); let p = &v.xy;')).toBe(
      'k.wgsl:5:28: error: cannot take the address of a vector swizzle',
    );
    expect(first('var v = vec4f(); let p = &v.zyx[1];')).toBe(
      'k.wgsl:5:28: error: cannot take the address of a vector swizzle',
    );
    expect(first('var v = vec2f(); v.yz = vec2f(1);')).toBe(
      "k.wgsl:5:21: error: swizzle '.yz' is out of range for vec2<f32>",
    );
    expect(first('var v = vec4f(); v.xyz[3] = 1.0;')).toBe('k.wgsl:5:26: error: index 3 is out of bounds');
  });
});
