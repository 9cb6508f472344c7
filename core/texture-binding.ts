/**
 * Texture, storage-texture and sampler bindings of a workload (docs/contracts.md §1 "Textures and
 * samplers"): the schema pieces core/workload.ts adds to a binding, the rules their fields follow
 * (WebGPU's default limits, §3.6.2 "Limits"), and the resolution of a valid binding into the
 * TextureShape / SamplerState the rest of Duet uses (core/texture-formats.ts).
 */
import { z } from 'zod';
import { componentMisfit, componentRange, componentsPerTexel } from './texel-components';
import {
  ADDRESS_MODES,
  type AddressMode,
  COMPARE_FUNCTIONS,
  CUBE_FACES,
  FILTER_MODES,
  type FilterMode,
  type SamplerState,
  STORAGE_TEXTURE_FORMATS,
  type StorageAccess,
  TEXTURE_DIMENSIONS,
  TEXTURE_FORMAT_NAMES,
  type TextureDimension,
  type TextureShape,
  texelBytesOf,
  textureFormat,
} from './texture-formats';

export const TEXTURE_BINDING_KINDS = ['texture', 'storage-texture', 'sampler'] as const;
export type TextureBindingKind = (typeof TEXTURE_BINDING_KINDS)[number];
export const isTextureKind = (k: string): k is TextureBindingKind =>
  (TEXTURE_BINDING_KINDS as readonly string[]).includes(k);

/** A storage texture's access as the workload spells it (WGSL: read, write, read_write). */
export const STORAGE_ACCESSES = ['write', 'read', 'read-write'] as const;
export type WorkloadAccess = (typeof STORAGE_ACCESSES)[number];
export const wgslAccess = (a: WorkloadAccess): StorageAccess => (a === 'read-write' ? 'read_write' : a);

/** WebGPU's default limits (§3.6.2): maxTextureDimension1D/2D 8192, 3D 2048, maxTextureArrayLayers 256. */
export const TEXTURE_LIMITS = { dimension1d: 8192, dimension2d: 8192, dimension3d: 2048, arrayLayers: 256 };

const listed = (names: readonly string[]) =>
  names.length > 8 ? `${names.slice(0, 8).join(', ')}, ...` : names.join(', ');

export const textureFormatSchema = z
  .enum(TEXTURE_FORMAT_NAMES as [string, ...string[]], {
    error: (i) => `${JSON.stringify(i.input)} is not a texture format (${listed(TEXTURE_FORMAT_NAMES)})`,
  })
  .describe('Texel format, as WebGPU names it (e.g. "rgba8unorm", "r32float").');

export const textureSizeSchema = z
  .array(z.number().int().min(1))
  .min(1)
  .max(3)
  .describe('[width], [width, height] or [width, height, depthOrLayers].');

export const textureDimensionSchema = z
  .enum(TEXTURE_DIMENSIONS)
  .describe(
    '1d, 2d, 2d-array, 3d, cube ([w, w, 6]) or cube-array ([w, w, 6n]); by default from the size: [w] 1d, [w,h] 2d, [w,h,n] 2d-array.',
  );

const filter = z.enum(FILTER_MODES);
const addressMode = z.enum(ADDRESS_MODES);
export const samplerSchema = z
  .object({
    filter: filter.optional().describe('Sets magFilter, minFilter and mipmapFilter at once.'),
    magFilter: filter.optional(),
    minFilter: filter.optional(),
    mipmapFilter: filter.optional(),
    addressMode: z
      .union([addressMode, z.object({ u: addressMode, v: addressMode, w: addressMode }).partial().strict()])
      .optional()
      .describe('One mode for every axis, or {u, v, w}; default clamp-to-edge.'),
    compare: z
      .enum(COMPARE_FUNCTIONS)
      .optional()
      .describe('Makes it a comparison sampler (WGSL sampler_comparison), for depth textures.'),
  })
  .strict();
export type SamplerInput = z.infer<typeof samplerSchema>;

/** The fields of a workload binding this module reads (a structural subset of core/workload.ts Binding). */
export interface TextureFields {
  kind: string;
  format?: string | undefined;
  size?: number[] | undefined;
  dimension?: TextureDimension | undefined;
  mipLevels?: number | undefined;
  access?: WorkloadAccess | undefined;
  sampler?: SamplerInput | undefined;
  init?: unknown;
  output?: boolean | undefined;
}

export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

const DEFAULT_DIMENSION: Record<number, TextureDimension> = { 1: '1d', 2: '2d', 3: '2d-array' };
const SIZE_LENGTH: Record<TextureDimension, number[]> = {
  '1d': [1],
  '2d': [2],
  '2d-array': [3],
  '3d': [3],
  cube: [3],
  'cube-array': [3],
};
const isCube = (d: TextureDimension) => d === 'cube' || d === 'cube-array';

/** The dimension a texture binding has: said, or implied by its size. */
export function dimensionOf(b: Pick<TextureFields, 'size' | 'dimension'>): TextureDimension {
  return b.dimension ?? DEFAULT_DIMENSION[b.size?.length ?? 2] ?? '2d';
}

/** Mip levels a full chain has (WebGPU §6.1.1 "maximum mipLevel count"): floor(log2(max dim)) + 1. */
export function maxMipLevels(dimension: TextureDimension, size: readonly number[]): number {
  const dims = dimension === '3d' ? size : size.slice(0, dimension === '1d' ? 1 : 2);
  return Math.floor(Math.log2(Math.max(...dims))) + 1;
}

/** The resolved shape of a valid texture or storage-texture binding. */
export function textureShapeOf(b: TextureFields): TextureShape {
  const format = textureFormat(b.format ?? '');
  if (!format) throw new Error(`not a texture binding with a known format: ${String(b.format)}`);
  const size = b.size ?? [1];
  const dimension = dimensionOf(b);
  return {
    format,
    dimension,
    width: size[0] ?? 1,
    height: dimension === '1d' ? 1 : (size[1] ?? 1),
    depthOrLayers:
      dimension === '1d' || dimension === '2d' ? 1 : (size[2] ?? (isCube(dimension) ? CUBE_FACES : 1)),
    mipLevels: b.kind === 'texture' ? (b.mipLevels ?? 1) : 1,
  };
}

/** Every field of a sampler resolved; WebGPU's defaults (§7.1.1): nearest, clamp-to-edge. */
export function samplerStateOf(s: SamplerInput | undefined): SamplerState {
  const f = (one: FilterMode | undefined): FilterMode => one ?? s?.filter ?? 'nearest';
  const a = s?.addressMode;
  const mode = (axis: 'u' | 'v' | 'w'): AddressMode =>
    (typeof a === 'string' ? a : a?.[axis]) ?? 'clamp-to-edge';
  return {
    magFilter: f(s?.magFilter),
    minFilter: f(s?.minFilter),
    mipmapFilter: f(s?.mipmapFilter),
    addressModeU: mode('u'),
    addressModeV: mode('v'),
    addressModeW: mode('w'),
    ...(s?.compare ? { compare: s.compare } : {}),
  };
}

/** Fields that belong to buffers and uniforms only. */
const BUFFER_FIELDS = ['element', 'length', 'fields', 'image'] as const;

/**
 * What is wrong with a texture, storage-texture or sampler binding, each with the field it names.
 * `b` carries the whole binding so buffer-only fields on a texture are named too.
 */
export function textureBindingIssues(b: TextureFields & Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  for (const k of BUFFER_FIELDS)
    if (b[k] !== undefined) add([k], `\`${k}\` is for buffers; a ${b.kind} binding does not take it`);

  if (b.kind === 'sampler') {
    for (const k of ['format', 'size', 'dimension', 'mipLevels', 'access', 'init', 'tolerance'] as const)
      if (b[k] !== undefined) add([k], `a sampler has no \`${k}\``);
    if (b.output) add(['output'], 'a sampler cannot be an output');
    return issues;
  }

  if (b.sampler !== undefined) add(['sampler'], '`sampler` is only for sampler bindings');
  if (b.format === undefined) add(['format'], `a ${b.kind} binding needs a \`format\``);
  if (b.size === undefined) add(['size'], `a ${b.kind} binding needs a \`size\``);
  const format = b.format === undefined ? undefined : textureFormat(b.format);
  const dimension = dimensionOf(b);

  if (b.size) {
    const lengths = SIZE_LENGTH[dimension];
    if (b.dimension !== undefined && !lengths.includes(b.size.length))
      add(['size'], `a ${dimension} texture has a size of ${lengths[0]} number(s), not ${b.size.length}`);
    const [w = 1, h = 1, d = 1] = b.size;
    const max = dimension === '3d' ? TEXTURE_LIMITS.dimension3d : TEXTURE_LIMITS.dimension2d;
    if (w > max) add(['size', 0], `width ${w} is over WebGPU's ${max} for a ${dimension} texture`);
    if (dimension !== '1d' && h > max)
      add(['size', 1], `height ${h} is over WebGPU's ${max} for a ${dimension} texture`);
    if (dimension === '3d' && d > max)
      add(['size', 2], `depth ${d} is over WebGPU's ${max} for a 3d texture`);
    if ((dimension === '2d-array' || dimension === 'cube-array') && d > TEXTURE_LIMITS.arrayLayers)
      add(['size', 2], `${d} layers is over WebGPU's ${TEXTURE_LIMITS.arrayLayers}`);
    // A cube's faces are square layers, six per cube (WebGPU §6.2 "cube" and "cube-array" views).
    if (isCube(dimension) && h !== w)
      add(['size', 1], `a ${dimension} texture's faces are square: height ${h} must equal width ${w}`);
    if (dimension === 'cube' && d !== CUBE_FACES)
      add(
        ['size', 2],
        `a cube texture has ${CUBE_FACES} layers (its faces +x, -x, +y, -y, +z, -z), not ${d}`,
      );
    if (dimension === 'cube-array' && d % CUBE_FACES !== 0)
      add(['size', 2], `a cube-array texture has 6 layers per cube; ${d} is not a multiple of 6`);
  }

  if (b.mipLevels !== undefined) {
    if (b.kind === 'storage-texture')
      add(['mipLevels'], 'a storage texture has one mip level (WGSL stores to level 0 only)');
    else if (dimension === '1d' && b.mipLevels > 1)
      add(['mipLevels'], 'a 1d texture has one mip level (WebGPU §6.1.3)');
    else if (b.size && b.mipLevels > maxMipLevels(dimension, b.size))
      add(
        ['mipLevels'],
        `${b.mipLevels} mip levels; a ${b.size.join('×')} ${dimension} texture has at most ${maxMipLevels(dimension, b.size)}`,
      );
  }

  if (format?.depth && (dimension === '1d' || dimension === '3d'))
    add(
      [b.dimension === undefined ? 'size' : 'dimension'],
      `a ${format.name} texture is 2d or 2d-array, not ${dimension} (WebGPU §26.1.2: depth formats have no 1d or 3d textures)`,
    );

  if (b.kind === 'storage-texture' && isCube(dimension))
    add(['dimension'], `a storage texture cannot be a ${dimension} (WGSL has no storage cube textures)`);

  if (b.kind === 'texture') {
    if (b.access !== undefined) add(['access'], '`access` is for storage textures');
    if (b.output) add(['output'], 'a sampled texture cannot be an output (use a storage texture)');
  } else {
    if (b.access === undefined)
      add(['access'], 'a storage texture needs an `access`: "write", "read" or "read-write"');
    else if (format) {
      const allowed = format.storageAccess;
      if (allowed.length === 0)
        add(
          ['format'],
          `"${format.name}" cannot be a storage texture (${listed(STORAGE_TEXTURE_FORMATS.map((f) => f.name))})`,
        );
      else if (!allowed.includes(wgslAccess(b.access)))
        add(
          ['access'],
          `a "${format.name}" storage texture cannot be "${b.access}" (WebGPU allows ${allowed.join(', ')})`,
        );
    }
    if (b.output && b.access === 'read') add(['access'], 'a "read" storage texture cannot be an output');
  }

  if (format && b.size && issues.length === 0) issues.push(...initIssues(b, textureShapeOf(b)));
  return issues;
}

/** Init values that do not fit the format's components, or more of them than the texture holds. */
function initIssues(b: TextureFields, shape: TextureShape): FieldIssue[] {
  const init = b.init;
  if (typeof init !== 'object' || init === null) return [];
  const f = shape.format;
  const per = componentsPerTexel(f);
  const room = (texelBytesOf(shape) / f.texelBytes) * per;
  if ('data' in init && Array.isArray(init.data)) {
    const data = init.data as number[];
    if (data.length > room)
      return [
        {
          path: ['init', 'data'],
          message: `data has ${data.length} values but the texture holds ${room} components`,
        },
      ];
    for (let i = 0; i < data.length; i++) {
      const why = componentMisfit(f, i % per, data[i]!);
      if (why) return [{ path: ['init', 'data', i], message: why }];
    }
  }
  if ('fill' in init && typeof init.fill === 'number') {
    for (let c = 0; c < per; c++) {
      const why = componentMisfit(f, c, init.fill);
      if (why) return [{ path: ['init', 'fill'], message: why }];
    }
  }
  if ('random' in init && typeof init.random === 'object' && init.random !== null) {
    // Random integers are drawn in [ceil(min), floor(max)] (core/generators.ts): both ends must fit.
    const r = init.random as { min: number; max: number };
    const isFloat = componentRange(f, 0).kind === 'float';
    const ends = [
      ['min', isFloat ? r.min : Math.ceil(r.min)],
      ['max', isFloat ? r.max : Math.floor(r.max)],
    ] as const;
    for (const [end, v] of ends) {
      for (let c = 0; c < per; c++) {
        const why = componentMisfit(f, c, v);
        if (why) return [{ path: ['init', 'random', end], message: why }];
      }
    }
  }
  if (f.depth && 'iota' in init && typeof init.iota === 'object' && init.iota !== null) {
    // iota gives start + i × step (core/generators.ts): both ends must be depths.
    const { start = 0, step = 1 } = init.iota as { start?: number; step?: number };
    const last = start + step * (room - 1);
    for (const [end, v] of [
      ['start', start],
      ['step', last],
    ] as const) {
      const why = componentMisfit(f, 0, v);
      if (why) return [{ path: ['init', 'iota', end], message: `${why}; iota reaches ${v}` }];
    }
  }
  if (f.storage === 'depth32float' && 'base64' in init)
    return [
      {
        path: ['init', 'base64'],
        message:
          'a depth32float texture takes its depths as numbers in [0, 1] (data, fill, random, iota), not raw bytes: WebGPU fills it by drawing those depths',
      },
    ];
  if ('base64' in init && typeof init.base64 === 'string') {
    const text = init.base64;
    const bytes = Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
    const texels = texelBytesOf(shape);
    if (bytes > texels)
      return [
        {
          path: ['init', 'base64'],
          message: `base64 holds ${bytes} bytes but the texture's texels take ${texels}`,
        },
      ];
  }
  return [];
}
