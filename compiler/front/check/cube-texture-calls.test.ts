/**
 * Cube textures in the checker (WGSL §6.5.2, §6.5.6, §16.7): `texture_cube<T>`, `texture_cube_array<T>`,
 * `texture_depth_cube[_array]`, every overload on them with its result type (a vec3<f32> direction, no
 * offsets, no textureLoad), and what they refuse.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';
import { firstDiagnosticUnder } from '../../testkit/first-diagnostic';

const DECLS = `@group(0) @binding(0) var c: texture_cube<f32>;
@group(0) @binding(1) var ca: texture_cube_array<f32>;
@group(0) @binding(2) var cu: texture_cube<u32>;
@group(0) @binding(3) var dc: texture_depth_cube;
@group(0) @binding(4) var dca: texture_depth_cube_array;
@group(0) @binding(5) var s: sampler;
@group(0) @binding(6) var sc: sampler_comparison;`;

/** The first diagnostic of a kernel whose body is `line` (line 9), or '' when it translates. */
const first = firstDiagnosticUnder(DECLS);

const OVERLOADS: [call: string, result: string][] = [
  ['textureDimensions(c)', 'vec2<u32>'],
  ['textureDimensions(ca, 1)', 'vec2<u32>'],
  ['textureDimensions(dca)', 'vec2<u32>'],
  ['textureNumLayers(ca)', 'u32'],
  ['textureNumLayers(dca)', 'u32'],
  ['textureNumLevels(dc)', 'u32'],
  ['textureSampleLevel(c, s, vec3f(1.0, 0.0, 0.0), 0.0)', 'vec4<f32>'],
  ['textureSampleLevel(ca, s, vec3f(1.0), 2u, 1.5)', 'vec4<f32>'],
  ['textureSampleLevel(dc, s, vec3f(1.0), 0)', 'f32'],
  ['textureSampleLevel(dca, s, vec3f(1.0), 1, 0u)', 'f32'],
  ['textureGather(0, c, s, vec3f(1.0))', 'vec4<f32>'],
  ['textureGather(3u, cu, s, vec3f(1.0))', 'vec4<u32>'],
  ['textureGather(1, ca, s, vec3f(1.0), 0)', 'vec4<f32>'],
  ['textureGather(dc, s, vec3f(1.0))', 'vec4<f32>'],
  ['textureGather(dca, s, vec3f(1.0), 1u)', 'vec4<f32>'],
  ['textureSampleCompareLevel(dc, sc, vec3f(1.0), 0.5)', 'f32'],
  ['textureSampleCompareLevel(dca, sc, vec3f(1.0), 1, 0.5)', 'f32'],
  ['textureGatherCompare(dc, sc, vec3f(1.0), 0.5)', 'vec4<f32>'],
  ['textureGatherCompare(dca, sc, vec3f(1.0), 0u, 0.5)', 'vec4<f32>'],
];

describe('cube textures (WGSL §6.5.2, §16.7)', () => {
  it.each(OVERLOADS)('%s is %s', (call, result) => {
    expect(first(`let r: ${result} = ${call};`)).toBe('');
    expect(first(`let r: vec4<i32> = ${call};`)).toMatch(/cannot initialize/);
  });

  it.each([
    ['let r = textureLoad(c, vec3i(0), 0);', 'texture_cube<f32>, vec3<i32>, abstract-int'],
    [
      'let r = textureSampleLevel(c, s, vec2f(0.5), 0.0);',
      'texture_cube<f32>, sampler, vec2<f32>, abstract-float',
    ],
    [
      'let r = textureSampleLevel(c, s, vec3f(0.5), 0.0, vec3i(1));',
      'texture_cube<f32>, sampler, vec3<f32>, abstract-float, vec3<i32>',
    ],
    [
      'let r = textureSampleLevel(cu, s, vec3f(0.5), 0.0);',
      'texture_cube<u32>, sampler, vec3<f32>, abstract-float',
    ],
    ['let r = textureNumLayers(c);', 'texture_cube<f32>'],
    ['let r = textureGather(c, s, vec3f(0.5));', 'texture_cube<f32>, sampler, vec3<f32>'],
  ])('%s has no overload', (line, types) => {
    const name = /texture\w+/.exec(line)![0];
    expect(first(line)).toBe(
      `k.wgsl:9:${line.indexOf(name) + 3}: error: no overload of '${name}' for (${types})`,
    );
  });

  it('reflects cube dimensions for the run plan and views them as cubes in C++', () => {
    const r = translate(
      `${DECLS}\n@group(1) @binding(0) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(1) fn main() { out[0] = textureSampleLevel(ca, s, vec3f(1.0), 0, 0.0).x + textureSampleCompareLevel(dc, sc, vec3f(1.0), 0.5); }`,
      { target: 'cpu' },
    );
    if (!r.ok) throw new Error(formatDiagnostic(r.diagnostics[0]!));
    const by = (name: string) => r.bindings.find((b) => b.name === name);
    expect(by('ca')?.resource).toEqual({ kind: 'texture', dimension: 'cube-array', sampled: 'f32' });
    expect(by('dc')?.resource).toEqual({ kind: 'texture', dimension: 'cube', sampled: 'f32', depth: true });
    expect(by('dca')?.type).toBe('texture_depth_cube_array');
    expect(r.code).toContain('duet_texture<DUET_TEX_CUBE_ARRAY, float>');
    expect(r.code).toContain('duet_depth_texture<DUET_TEX_CUBE>');
  });
});
