/**
 * The texture built-in functions Duet translates, as data (WGSL §16.7 "Texture Built-in Functions",
 * https://www.w3.org/TR/WGSL/#texture-builtin-functions; the overloads as Tint's wgsl.def lists them):
 * for each name, its overloads as the textures they take (kind and dimensions), their parameters in
 * order and their result. texture-calls.ts resolves a call against these rows; emission reads the
 * parameter types the chosen row gives the arguments.
 */
import type { TextureDim } from '../types';

/** One parameter of an overload, as WGSL §16.7 names them. */
export type TextureParam =
  /** The texture (`t`). */
  | 'texture'
  /** A `sampler`. */
  | 'sampler'
  /** A `sampler_comparison`. */
  | 'sampler-comparison'
  /** `depth_ref`: f32, the value a comparison sampler compares each texel against. */
  | 'depth-ref'
  /** Integer texel coordinates: i32 or u32, a scalar for 1d, vec2 for 2d and 2d-array, vec3 for 3d. */
  | 'coords-int'
  /** Normalized coordinates: f32 of the same shape. */
  | 'coords-float'
  /** `array_index`: i32 or u32. */
  | 'array-index'
  /** `level`: i32 or u32 (textureLoad, textureDimensions, textureSampleLevel of a depth texture). */
  | 'level-int'
  /** `level`: f32 (textureSampleLevel). */
  | 'level-float'
  /** `offset`: a const-expression vec2<i32> (vec3<i32> for 3d), each component in -8..7. */
  | 'offset'
  /** `component`: a const-expression i32 or u32 in 0..3 (textureGather). */
  | 'component'
  /** The texel to store: vec4 of the storage format's channel type. */
  | 'value';

/** Which textures an overload takes. */
type TextureKinds =
  /** Sampled textures of any sampled type, depth textures too. */
  | 'sampled'
  /** Sampled textures that are not depth textures. */
  | 'color'
  /** Sampled textures of f32 that are not depth textures (the sampling functions). */
  | 'sampled-f32'
  /** Depth textures (`texture_depth_2d`, `texture_depth_2d_array`; WGSL §6.5.6). */
  | 'depth'
  /** Storage textures with read or read_write access. */
  | 'storage-read'
  /** Storage textures with write or read_write access. */
  | 'storage-write'
  | 'any';

type TextureResult =
  /** vec4 of the texture's sampled type (or a storage format's channel type). */
  | 'texel'
  | 'vec4f'
  /** A depth texture's texel or comparison result. */
  | 'f32'
  /** u32, vec2<u32> or vec3<u32> by dimension. */
  | 'extent'
  | 'u32'
  | 'void';

export interface TextureOverload {
  textures: TextureKinds;
  dims: readonly TextureDim[];
  params: readonly TextureParam[];
  result: TextureResult;
}

interface TextureBuiltin {
  /** Anchor of the function in https://www.w3.org/TR/WGSL/. */
  spec: string;
  overloads: readonly TextureOverload[];
  /** The call changes memory (textureStore) or reads memory a store changes (storage textureLoad). */
  sideEffects?: 'always' | 'storage';
}

const ALL: readonly TextureDim[] = ['1d', '2d', '2d-array', '3d', 'cube', 'cube-array'];
const FLAT: readonly TextureDim[] = ['1d', '2d', '3d'];
const ARRAY: readonly TextureDim[] = ['2d-array'];
const D2: readonly TextureDim[] = ['2d'];
const CUBE: readonly TextureDim[] = ['cube'];
const CUBE_ARRAY: readonly TextureDim[] = ['cube-array'];

/**
 * The overloads of a sampling call on cube textures of `kinds` (WGSL §16.7: a vec3<f32> direction, no
 * `offset`): the cube, and the cube array with its `array_index`; `head` is what precedes the
 * coordinates, `extra` what follows them (and the array index).
 */
function cubeSampling(
  kinds: TextureKinds,
  head: TextureParam[],
  extra: TextureParam[],
  result: TextureResult,
): TextureOverload[] {
  return [
    o(kinds, CUBE, [...head, 'coords-float', ...extra], result),
    o(kinds, CUBE_ARRAY, [...head, 'coords-float', 'array-index', ...extra], result),
  ];
}

/**
 * The overloads of a sampling call on depth textures (WGSL §16.7: textureSampleLevel, textureGather,
 * textureSampleCompareLevel, textureGatherCompare): 2d and 2d-array, each with and without `offset`;
 * `extra` are the parameters after the coordinates (and the array index).
 */
function depthSampling(
  sampler: TextureParam,
  extra: TextureParam[],
  result: TextureResult,
): TextureOverload[] {
  const head: TextureParam[] = ['texture', sampler, 'coords-float'];
  return [
    o('depth', D2, [...head, ...extra], result),
    o('depth', D2, [...head, ...extra, 'offset'], result),
    o('depth', ARRAY, [...head, 'array-index', ...extra], result),
    o('depth', ARRAY, [...head, 'array-index', ...extra, 'offset'], result),
  ];
}

const o = (
  textures: TextureKinds,
  dims: readonly TextureDim[],
  params: TextureParam[],
  result: TextureResult,
): TextureOverload => ({ textures, dims, params, result });

export const TEXTURE_BUILTINS: ReadonlyMap<string, TextureBuiltin> = new Map([
  [
    'textureDimensions',
    {
      spec: '#texturedimensions',
      overloads: [
        o('any', ALL, ['texture'], 'extent'),
        o('sampled', ALL, ['texture', 'level-int'], 'extent'),
      ],
    },
  ],
  [
    'textureNumLayers',
    {
      spec: '#texturenumlayers',
      // A cube array's layers are its cubes (WGSL §16.7.4).
      overloads: [o('any', ARRAY, ['texture'], 'u32'), o('sampled', CUBE_ARRAY, ['texture'], 'u32')],
    },
  ],
  ['textureNumLevels', { spec: '#texturenumlevels', overloads: [o('sampled', ALL, ['texture'], 'u32')] }],
  [
    'textureLoad',
    {
      spec: '#textureload',
      sideEffects: 'storage',
      overloads: [
        o('color', FLAT, ['texture', 'coords-int', 'level-int'], 'texel'),
        o('color', ARRAY, ['texture', 'coords-int', 'array-index', 'level-int'], 'texel'),
        o('depth', D2, ['texture', 'coords-int', 'level-int'], 'f32'),
        o('depth', ARRAY, ['texture', 'coords-int', 'array-index', 'level-int'], 'f32'),
        o('storage-read', FLAT, ['texture', 'coords-int'], 'texel'),
        o('storage-read', ARRAY, ['texture', 'coords-int', 'array-index'], 'texel'),
      ],
    },
  ],
  [
    'textureStore',
    {
      spec: '#texturestore',
      sideEffects: 'always',
      overloads: [
        o('storage-write', FLAT, ['texture', 'coords-int', 'value'], 'void'),
        o('storage-write', ARRAY, ['texture', 'coords-int', 'array-index', 'value'], 'void'),
      ],
    },
  ],
  [
    'textureSampleLevel',
    {
      spec: '#texturesamplelevel',
      overloads: [
        o('sampled-f32', FLAT, ['texture', 'sampler', 'coords-float', 'level-float'], 'vec4f'),
        o(
          'sampled-f32',
          ['2d', '3d'],
          ['texture', 'sampler', 'coords-float', 'level-float', 'offset'],
          'vec4f',
        ),
        o(
          'sampled-f32',
          ARRAY,
          ['texture', 'sampler', 'coords-float', 'array-index', 'level-float'],
          'vec4f',
        ),
        o(
          'sampled-f32',
          ARRAY,
          ['texture', 'sampler', 'coords-float', 'array-index', 'level-float', 'offset'],
          'vec4f',
        ),
        ...depthSampling('sampler', ['level-int'], 'f32'),
        ...cubeSampling('sampled-f32', ['texture', 'sampler'], ['level-float'], 'vec4f'),
        ...cubeSampling('depth', ['texture', 'sampler'], ['level-int'], 'f32'),
      ],
    },
  ],
  [
    'textureGather',
    {
      spec: '#texturegather',
      overloads: [
        o('color', D2, ['component', 'texture', 'sampler', 'coords-float'], 'texel'),
        o('color', D2, ['component', 'texture', 'sampler', 'coords-float', 'offset'], 'texel'),
        o('color', ARRAY, ['component', 'texture', 'sampler', 'coords-float', 'array-index'], 'texel'),
        o(
          'color',
          ARRAY,
          ['component', 'texture', 'sampler', 'coords-float', 'array-index', 'offset'],
          'texel',
        ),
        ...depthSampling('sampler', [], 'vec4f'),
        ...cubeSampling('color', ['component', 'texture', 'sampler'], [], 'texel'),
        ...cubeSampling('depth', ['texture', 'sampler'], [], 'vec4f'),
      ],
    },
  ],
  [
    'textureSampleCompareLevel',
    {
      spec: '#texturesamplecomparelevel',
      overloads: [
        ...depthSampling('sampler-comparison', ['depth-ref'], 'f32'),
        ...cubeSampling('depth', ['texture', 'sampler-comparison'], ['depth-ref'], 'f32'),
      ],
    },
  ],
  [
    'textureGatherCompare',
    {
      spec: '#texturegathercompare',
      overloads: [
        ...depthSampling('sampler-comparison', ['depth-ref'], 'vec4f'),
        ...cubeSampling('depth', ['texture', 'sampler-comparison'], ['depth-ref'], 'vec4f'),
      ],
    },
  ],
  [
    'textureSampleBaseClampToEdge',
    {
      spec: '#texturesamplebaseclamptoedge',
      overloads: [o('sampled-f32', ['2d'], ['texture', 'sampler', 'coords-float'], 'vec4f')],
    },
  ],
]);

/**
 * Texture built-ins Duet refuses, with why. The implicit-derivative ones are errors in any compute
 * shader (WGSL §16.7: they "must only be used in a fragment shader stage"), as Chrome reports them;
 * the rest are valid WGSL this round leaves out.
 */
export const TEXTURE_REFUSED: ReadonlyMap<string, { fragmentOnly: boolean; why: string }> = new Map([
  ['textureSample', { fragmentOnly: true, why: 'it needs implicit derivatives; use textureSampleLevel' }],
  ['textureSampleBias', { fragmentOnly: true, why: 'it needs implicit derivatives; use textureSampleLevel' }],
  ['textureSampleCompare', { fragmentOnly: true, why: 'it needs implicit derivatives' }],
  ['dpdx', { fragmentOnly: true, why: 'derivatives exist only between fragments' }],
  ['dpdxCoarse', { fragmentOnly: true, why: 'derivatives exist only between fragments' }],
  ['dpdxFine', { fragmentOnly: true, why: 'derivatives exist only between fragments' }],
  ['dpdy', { fragmentOnly: true, why: 'derivatives exist only between fragments' }],
  ['dpdyCoarse', { fragmentOnly: true, why: 'derivatives exist only between fragments' }],
  ['dpdyFine', { fragmentOnly: true, why: 'derivatives exist only between fragments' }],
  ['fwidth', { fragmentOnly: true, why: 'derivatives exist only between fragments' }],
  ['fwidthCoarse', { fragmentOnly: true, why: 'derivatives exist only between fragments' }],
  ['fwidthFine', { fragmentOnly: true, why: 'derivatives exist only between fragments' }],
  ['textureSampleGrad', { fragmentOnly: false, why: 'explicit-gradient sampling' }],
  ['textureNumSamples', { fragmentOnly: false, why: 'multisampled textures' }],
]);
