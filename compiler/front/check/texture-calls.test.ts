import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';
import { firstDiagnosticUnder } from '../../testkit/first-diagnostic';
import { TEXTURE_BUILTINS } from './texture-table';

/** One of every texture Duet translates, and a sampler. */
const DECLS = `@group(0) @binding(0) var t1: texture_1d<f32>;
@group(0) @binding(1) var t2: texture_2d<f32>;
@group(0) @binding(2) var ta: texture_2d_array<f32>;
@group(0) @binding(3) var t3: texture_3d<f32>;
@group(0) @binding(4) var i2: texture_2d<i32>;
@group(0) @binding(5) var u2: texture_2d_array<u32>;
@group(0) @binding(6) var s: sampler;
@group(1) @binding(0) var w2: texture_storage_2d<rgba8unorm, write>;
@group(1) @binding(1) var r1: texture_storage_1d<rgba32sint, read>;
@group(1) @binding(2) var rwa: texture_storage_2d_array<r32uint, read_write>;
@group(1) @binding(3) var w3: texture_storage_3d<rgba16float, write>;
@group(1) @binding(4) var r3: texture_storage_3d<r32float, read>;`;

/** The first diagnostic of a kernel whose body is `line` (line 14), or '' when it translates. */
const first = firstDiagnosticUnder(DECLS);

/** `let r: T = call;` translates exactly when `call` has type T: each overload's result type. */
const OVERLOADS: [call: string, result: string][] = [
  ['textureDimensions(t1)', 'u32'],
  ['textureDimensions(t1, 1)', 'u32'],
  ['textureDimensions(t2)', 'vec2<u32>'],
  ['textureDimensions(t2, 0u)', 'vec2<u32>'],
  ['textureDimensions(ta, 1i)', 'vec2<u32>'],
  ['textureDimensions(t3)', 'vec3<u32>'],
  ['textureDimensions(w2)', 'vec2<u32>'],
  ['textureDimensions(r1)', 'u32'],
  ['textureDimensions(rwa)', 'vec2<u32>'],
  ['textureDimensions(w3)', 'vec3<u32>'],
  ['textureNumLayers(ta)', 'u32'],
  ['textureNumLayers(rwa)', 'u32'],
  ['textureNumLevels(t1)', 'u32'],
  ['textureNumLevels(u2)', 'u32'],
  ['textureLoad(t1, 3, 0)', 'vec4<f32>'],
  ['textureLoad(t2, vec2(1, 2), 0u)', 'vec4<f32>'],
  ['textureLoad(i2, vec2u(1, 2), 0)', 'vec4<i32>'],
  ['textureLoad(ta, vec2i(1, 2), 3u, 0)', 'vec4<f32>'],
  ['textureLoad(u2, vec2i(1, 2), 3i, 1u)', 'vec4<u32>'],
  ['textureLoad(t3, vec3(1, 2, 3), 0)', 'vec4<f32>'],
  ['textureLoad(r1, 7u)', 'vec4<i32>'],
  ['textureLoad(rwa, vec2(0, 0), 1)', 'vec4<u32>'],
  ['textureLoad(r3, vec3u(0))', 'vec4<f32>'],
  ['textureSampleLevel(t1, s, 0.5, 0.0)', 'vec4<f32>'],
  ['textureSampleLevel(t2, s, vec2(0.5), 1)', 'vec4<f32>'],
  ['textureSampleLevel(t2, s, vec2f(0.5), 0.0, vec2(-8, 7))', 'vec4<f32>'],
  ['textureSampleLevel(ta, s, vec2f(0.5), 2u, 0.0)', 'vec4<f32>'],
  ['textureSampleLevel(ta, s, vec2f(0.5), 2i, 0.0, vec2i(1, 1))', 'vec4<f32>'],
  ['textureSampleLevel(t3, s, vec3f(0.5), 0.0)', 'vec4<f32>'],
  ['textureSampleLevel(t3, s, vec3f(0.5), 0.0, vec3(0, 1, 2))', 'vec4<f32>'],
  ['textureGather(0, t2, s, vec2f(0.5))', 'vec4<f32>'],
  ['textureGather(3u, i2, s, vec2f(0.5), vec2(1, 0))', 'vec4<i32>'],
  ['textureGather(1, u2, s, vec2f(0.5), 0)', 'vec4<u32>'],
  ['textureGather(2, ta, s, vec2f(0.5), 1u, vec2i(-1, 0))', 'vec4<f32>'],
  ['textureSampleBaseClampToEdge(t2, s, vec2f(0.5))', 'vec4<f32>'],
];

describe('texture built-ins: every overload Duet translates, and its result type (WGSL §16.7)', () => {
  it.each(OVERLOADS)('%s is %s', (call, result) => {
    expect(first(`let r: ${result} = ${call};`)).toBe('');
    // Any other result type is refused: the check above cannot pass by accident.
    const other = result === 'vec4<i32>' ? 'vec4<u32>' : 'vec4<i32>';
    expect(first(`let r: ${other} = ${call};`)).toMatch(/cannot initialize/);
  });

  it('stores vec4 of the format’s channel type', () => {
    expect(first('textureStore(w2, vec2(1, 2), vec4f(1.0));')).toBe('');
    expect(first('textureStore(w2, vec2(1, 2), vec4(1.0, 0.5, 0, 1));')).toBe('');
    expect(first('textureStore(rwa, vec2u(1, 2), 3, vec4u(7));')).toBe('');
    expect(first('textureStore(w3, vec3i(1, 2, 3), vec4f(0.25));')).toBe('');
    expect(first('textureStore(w2, vec2(1, 2), vec4u(1));')).toBe(
      "k.wgsl:14:3: error: no overload of 'textureStore' for (texture_storage_2d<rgba8unorm, write>, vec2<abstract-int>, vec4<u32>)",
    );
  });

  it.each([
    // Wrong texture kind or access.
    ['let r = textureLoad(w2, vec2(0, 0));', 'texture_storage_2d<rgba8unorm, write>, vec2<abstract-int>'],
    ['textureStore(r1, 0, vec4i(0));', 'texture_storage_1d<rgba32sint, read>, abstract-int, vec4<i32>'],
    [
      'let r = textureSampleLevel(i2, s, vec2f(0.5), 0.0);',
      'texture_2d<i32>, sampler, vec2<f32>, abstract-float',
    ],
    ['let r = textureNumLevels(w2);', 'texture_storage_2d<rgba8unorm, write>'],
    ['let r = textureNumLayers(t2);', 'texture_2d<f32>'],
    ['let r = textureDimensions(w2, 0);', 'texture_storage_2d<rgba8unorm, write>, abstract-int'],
    ['let r = textureGather(0, t1, s, 0.5);', 'abstract-int, texture_1d<f32>, sampler, abstract-float'],
    ['let r = textureGather(0, t3, s, vec3f(0.5));', 'abstract-int, texture_3d<f32>, sampler, vec3<f32>'],
    ['let r = textureSampleBaseClampToEdge(ta, s, vec2f(0.5));', 'texture_2d_array<f32>, sampler, vec2<f32>'],
    // Wrong argument types or counts.
    ['let r = textureLoad(t2, vec2f(0.0), 0);', 'texture_2d<f32>, vec2<f32>, abstract-int'],
    ['let r = textureLoad(t2, vec3(0, 0, 0), 0);', 'texture_2d<f32>, vec3<abstract-int>, abstract-int'],
    ['let r = textureLoad(t2, vec2(0, 0));', 'texture_2d<f32>, vec2<abstract-int>'],
    ['let r = textureLoad(ta, vec2(0, 0), 0);', 'texture_2d_array<f32>, vec2<abstract-int>, abstract-int'],
    ['let r = textureLoad(t2, vec2(0, 0), 0.0);', 'texture_2d<f32>, vec2<abstract-int>, abstract-float'],
    [
      'let r = textureSampleLevel(t2, t2, vec2f(0.5), 0.0);',
      'texture_2d<f32>, texture_2d<f32>, vec2<f32>, abstract-float',
    ],
    [
      'let r = textureSampleLevel(t2, s, vec2i(0), 0.0);',
      'texture_2d<f32>, sampler, vec2<i32>, abstract-float',
    ],
    [
      'let r = textureSampleLevel(t1, s, 0.5, 0.0, 1);',
      'texture_1d<f32>, sampler, abstract-float, abstract-float, abstract-int',
    ],
    ['let r = textureDimensions(s);', 'sampler'],
    ['let r = textureDimensions();', ''],
  ])('%s has no overload', (line, types) => {
    const name = /texture\w+/.exec(line)![0];
    expect(first(line)).toBe(
      `k.wgsl:14:${line.indexOf(name) + 3}: error: no overload of '${name}' for (${types})`,
    );
  });

  it('needs const-expression offsets in -8..7 and gather components in 0..3, at the argument', () => {
    expect(first('let r = textureSampleLevel(t2, s, vec2f(0.5), 0.0, vec2(8, 0));')).toBe(
      "k.wgsl:14:54: error: offset component 0 of 'textureSampleLevel' is 8; each must be in -8..7 (WGSL §16.7)",
    );
    expect(first('let r = textureSampleLevel(t3, s, vec3f(0.5), 0.0, vec3(0, 0, -9));')).toBe(
      "k.wgsl:14:54: error: offset component 2 of 'textureSampleLevel' is -9; each must be in -8..7 (WGSL §16.7)",
    );
    expect(first('let o = vec2(1, 1);\n  let r = textureSampleLevel(t2, s, vec2f(0.5), 0.0, o);')).toBe(
      "k.wgsl:15:54: error: the offset of 'textureSampleLevel' must be a const-expression",
    );
    expect(first('const o = vec2(1, -2);\n  let r = textureSampleLevel(t2, s, vec2f(0.5), 0.0, o);')).toBe(
      '',
    );
    expect(first('let r = textureGather(4, t2, s, vec2f(0.5));')).toBe(
      "k.wgsl:14:25: error: the component of 'textureGather' is 4; it must be 0, 1, 2 or 3 (WGSL §16.7.6)",
    );
    expect(first('let r = textureGather(-1, t2, s, vec2f(0.5));')).toBe(
      "k.wgsl:14:25: error: the component of 'textureGather' is -1; it must be 0, 1, 2 or 3 (WGSL §16.7.6)",
    );
    expect(first('let c = 1;\n  let r = textureGather(c, t2, s, vec2f(0.5));')).toBe(
      "k.wgsl:15:25: error: the component of 'textureGather' must be a const-expression",
    );
  });

  it('refuses the implicit-derivative functions in compute shaders and leaves depth, gradients and samples out', () => {
    expect(first('let r = textureSample(t2, s, vec2f(0.5));')).toBe(
      "k.wgsl:14:11: error: 'textureSample' can only be used in a fragment shader: it needs implicit derivatives; use textureSampleLevel (WGSL §16.7, §16.8)",
    );
    expect(first('let r = textureSampleBias(t2, s, vec2f(0.5), 1.0);')).toMatch(
      /^k\.wgsl:14:11: error: 'textureSampleBias' can only be used in a fragment shader/,
    );
    expect(first('let r = textureSampleCompare(t2, s, vec2f(0.5), 1.0);')).toMatch(
      /^k\.wgsl:14:11: error: 'textureSampleCompare' can only be used in a fragment shader/,
    );
    expect(first('let r = textureSampleGrad(t2, s, vec2f(0.5), vec2f(0), vec2f(0));')).toBe(
      "k.wgsl:14:11: error: 'textureSampleGrad' (explicit-gradient sampling) is not supported yet",
    );
    expect(first('let r = textureNumSamples(t2);')).toBe(
      "k.wgsl:14:11: error: 'textureNumSamples' (multisampled textures) is not supported yet",
    );
  });

  it('must use results (@must_use) and cannot use textureStore’s', () => {
    expect(first('textureLoad(t2, vec2(0, 0), 0);')).toBe(
      "k.wgsl:14:3: error: the result of 'textureLoad' must be used (@must_use)",
    );
    expect(first('let r = textureStore(w2, vec2(0, 0), vec4f(0));')).toBe(
      "k.wgsl:14:11: error: 'textureStore' returns nothing",
    );
  });

  it('has no uniformity requirement for textureSampleLevel, textureLoad or textureStore (WGSL §15.2)', () => {
    const r = translate(
      `${DECLS}
@group(2) @binding(0) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64) fn main(@builtin(local_invocation_index) i: u32) {
  if (i % 2u == 0u) {
    out[i] = textureSampleLevel(t2, s, vec2f(0.5), 0.0).x + textureLoad(t2, vec2(i, 0u), 0).y;
    textureStore(w2, vec2(i, 0u), vec4f(1.0));
  }
}`,
      { file: 'k.wgsl', target: 'cpu' },
    );
    expect(r.ok ? '' : formatDiagnostic(r.diagnostics[0]!)).toBe('');
  });

  it('cites the spec section of every texture built-in', () => {
    for (const [name, fn] of TEXTURE_BUILTINS) expect(fn.spec, name).toBe(`#${name.toLowerCase()}`);
  });
});
