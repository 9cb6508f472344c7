/**
 * Depth textures and comparison samplers in the checker (WGSL §6.5.6, §6.5.8, §16.7): the types, every
 * overload on `texture_depth_2d` / `texture_depth_2d_array` with its result type, and the mismatches
 * (a plain sampler where a comparison one belongs and the reverse, a depth texture where a sampled
 * type's component is asked for) refused at the call.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';
import { firstDiagnosticUnder } from '../../testkit/first-diagnostic';

const DECLS = `@group(0) @binding(0) var d: texture_depth_2d;
@group(0) @binding(1) var da: texture_depth_2d_array;
@group(0) @binding(2) var s: sampler;
@group(0) @binding(3) var c: sampler_comparison;
@group(0) @binding(4) var t2: texture_2d<f32>;`;

/** The first diagnostic of a kernel whose body is `line` (line 7), or '' when it translates. */
const first = firstDiagnosticUnder(DECLS);

const OVERLOADS: [call: string, result: string][] = [
  ['textureDimensions(d)', 'vec2<u32>'],
  ['textureDimensions(da, 1u)', 'vec2<u32>'],
  ['textureNumLayers(da)', 'u32'],
  ['textureNumLevels(d)', 'u32'],
  ['textureLoad(d, vec2i(1, 2), 0)', 'f32'],
  ['textureLoad(da, vec2u(1, 2), 3, 0u)', 'f32'],
  ['textureSampleLevel(d, s, vec2f(0.5), 0)', 'f32'],
  ['textureSampleLevel(d, s, vec2f(0.5), 1u, vec2(1, -1))', 'f32'],
  ['textureSampleLevel(da, s, vec2f(0.5), 2, 0i)', 'f32'],
  ['textureSampleLevel(da, s, vec2f(0.5), 2u, 0, vec2i(0, 7))', 'f32'],
  ['textureGather(d, s, vec2f(0.5))', 'vec4<f32>'],
  ['textureGather(d, s, vec2f(0.5), vec2(1, 0))', 'vec4<f32>'],
  ['textureGather(da, s, vec2f(0.5), 1)', 'vec4<f32>'],
  ['textureGather(da, s, vec2f(0.5), 1u, vec2(0, 1))', 'vec4<f32>'],
  ['textureSampleCompareLevel(d, c, vec2f(0.5), 0.5)', 'f32'],
  ['textureSampleCompareLevel(d, c, vec2f(0.5), 0.5f, vec2(-8, 7))', 'f32'],
  ['textureSampleCompareLevel(da, c, vec2f(0.5), 3, 0.5)', 'f32'],
  ['textureSampleCompareLevel(da, c, vec2f(0.5), 3u, 1, vec2i(2, 2))', 'f32'],
  ['textureGatherCompare(d, c, vec2f(0.5), 0.5)', 'vec4<f32>'],
  ['textureGatherCompare(d, c, vec2f(0.5), 0.5, vec2(1, 1))', 'vec4<f32>'],
  ['textureGatherCompare(da, c, vec2f(0.5), 0, 0.5)', 'vec4<f32>'],
  ['textureGatherCompare(da, c, vec2f(0.5), 0, 0.5, vec2(0, 0))', 'vec4<f32>'],
];

describe('depth textures and comparison samplers (WGSL §6.5.6, §16.7)', () => {
  it.each(OVERLOADS)('%s is %s', (call, result) => {
    expect(first(`let r: ${result} = ${call};`)).toBe('');
    expect(first(`let r: vec4<i32> = ${call};`)).toMatch(/cannot initialize/);
  });

  it.each([
    // A plain sampler where a comparison sampler belongs, and the reverse.
    [
      'let r = textureSampleCompareLevel(d, s, vec2f(0.5), 0.5);',
      'texture_depth_2d, sampler, vec2<f32>, abstract-float',
    ],
    [
      'let r = textureSampleLevel(d, c, vec2f(0.5), 0);',
      'texture_depth_2d, sampler_comparison, vec2<f32>, abstract-int',
    ],
    [
      'let r = textureSampleLevel(t2, c, vec2f(0.5), 0.0);',
      'texture_2d<f32>, sampler_comparison, vec2<f32>, abstract-float',
    ],
    // Comparison needs a depth texture; a depth texture's gather has no component, its level is an integer.
    [
      'let r = textureGatherCompare(t2, c, vec2f(0.5), 0.5);',
      'texture_2d<f32>, sampler_comparison, vec2<f32>, abstract-float',
    ],
    ['let r = textureGather(0, d, s, vec2f(0.5));', 'abstract-int, texture_depth_2d, sampler, vec2<f32>'],
    [
      'let r = textureSampleLevel(d, s, vec2f(0.5), 0.5);',
      'texture_depth_2d, sampler, vec2<f32>, abstract-float',
    ],
    ['let r = textureSampleBaseClampToEdge(d, s, vec2f(0.5));', 'texture_depth_2d, sampler, vec2<f32>'],
    ['let r = textureLoad(da, vec2(0, 0), 0);', 'texture_depth_2d_array, vec2<abstract-int>, abstract-int'],
    [
      'let r = textureSampleCompareLevel(da, c, vec2f(0.5), 0.5);',
      'texture_depth_2d_array, sampler_comparison, vec2<f32>, abstract-float',
    ],
  ])('%s has no overload', (line, types) => {
    const name = /texture\w+/.exec(line)![0];
    expect(first(line)).toBe(
      `k.wgsl:7:${line.indexOf(name) + 3}: error: no overload of '${name}' for (${types})`,
    );
  });

  it('checks the offset of a comparison as a const-expression in -8..7', () => {
    expect(first('let r = textureSampleCompareLevel(d, c, vec2f(0.5), 0.5, vec2(0, 8));')).toBe(
      "k.wgsl:7:60: error: offset component 1 of 'textureSampleCompareLevel' is 8; each must be in -8..7 (WGSL §16.7)",
    );
  });

  it('reflects a depth texture and a comparison sampler for the run plan', () => {
    const r = translate(
      `${DECLS}\n@group(1) @binding(0) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(1) fn main() { out[0] = textureSampleCompareLevel(d, c, vec2f(0.5), 0.5) + textureLoad(da, vec2(0), 0, 0); }`,
      { target: 'cpu' },
    );
    if (!r.ok) throw new Error(formatDiagnostic(r.diagnostics[0]!));
    const by = (name: string) => r.bindings.find((b) => b.name === name);
    expect(by('d')).toMatchObject({ kind: 'texture', type: 'texture_depth_2d' });
    expect(by('d')?.resource).toEqual({ kind: 'texture', dimension: '2d', sampled: 'f32', depth: true });
    expect(by('da')?.resource).toEqual({
      kind: 'texture',
      dimension: '2d-array',
      sampled: 'f32',
      depth: true,
    });
    expect(by('c')).toMatchObject({ kind: 'sampler', type: 'sampler_comparison' });
    expect(by('c')?.resource).toEqual({ kind: 'sampler', comparison: true });
    expect(r.code).toContain('duet_depth_texture<DUET_TEX_2D>');
    expect(r.code).toContain('duet_sampler_comparison');
  });

  it('leaves multisampled depth textures out with the reason', () => {
    const r = translate(
      '@group(0) @binding(0) var t: texture_depth_multisampled_2d;\n@compute @workgroup_size(1) fn main() {}',
      { file: 'k.wgsl', target: 'cpu' },
    );
    expect(r.ok ? '' : formatDiagnostic(r.diagnostics[0]!)).toMatch(
      /'texture_depth_multisampled_2d' \(multisampled depth textures\) is not supported yet/,
    );
  });
});
