/**
 * Textures and samplers at the ABI (docs/contracts.md §1 and §3): the texel formats both sides know,
 * the header every texture slot starts with, and the descriptor a sampler slot holds. One definition
 * for the workload schema, the run plan, the translator's reflection, the browser runner and the
 * preludes' C++ table (compiler/preludes, `duet_texture_formats`, checked against this list by a test).
 *
 * A texture reaches the generated code as an ordinary slot: TEXTURE_HEADER_BYTES of header, then the
 * texels of every mip level, tightly packed (level 0 first; in a level, layers or depth slices, then
 * rows, then texels). The executor and the CUDA loader therefore move textures like buffers; the
 * preludes read the header, bound every access by it, and convert texels as WebGPU does
 * (WebGPU §26.1 "Texture Formats", WGSL §16.7 "Texture built-in functions").
 */

/** How one texel's components are stored (WGSL §6.5.5 "Texel formats", WebGPU §26.1). */
export type TexelStorage =
  | 'unorm8'
  | 'snorm8'
  | 'uint8'
  | 'sint8'
  | 'uint16'
  | 'sint16'
  | 'float16'
  | 'uint32'
  | 'sint32'
  | 'float32'
  /** Packed formats: one 32-bit word per texel. */
  | 'rgb10a2unorm'
  | 'rgb10a2uint'
  | 'rg11b10ufloat'
  | 'rgb9e5ufloat'
  /** Depth formats (WebGPU §26.1.2 "Depth-stencil formats"): a 16-bit unorm, or an f32. */
  | 'depth16unorm'
  | 'depth32float';

/** The WGSL sampled type a format is read as: texture_2d<f32> / <i32> / <u32>. */
export type SampledKind = 'f32' | 'i32' | 'u32';

export interface TextureFormat {
  /** Position in TEXTURE_FORMATS: the code written in a texture header. Never reorder, only append. */
  code: number;
  name: string;
  /** Components stored per texel (1, 2, 3 for the packed rg11b10, or 4). */
  channels: number;
  storage: TexelStorage;
  texelBytes: number;
  sampled: SampledKind;
  /** Can a filtering sampler read it (WebGPU "float" sample type, not "unfilterable-float"). */
  filterable: boolean;
  /** sRGB-encoded colour channels (decoded to linear on read). */
  srgb?: true;
  /** Stored blue, green, red, alpha (read and written as rgba in WGSL). */
  bgra?: true;
  /** A depth format: read through `texture_depth_*` (WebGPU sample type "depth"), its depths in [0, 1]. */
  depth?: true;
  /** Storage-texture accesses WebGPU core allows ('write' and 'read' for every storage format, 'read_write' for r32*). */
  storageAccess: readonly StorageAccess[];
  /** Needs a device feature (bgra8unorm as a storage texture: "bgra8unorm-storage"). */
  storageFeature?: string;
}

export type StorageAccess = 'read' | 'write' | 'read_write';

const NO_STORAGE: readonly StorageAccess[] = [];
const STORAGE: readonly StorageAccess[] = ['write', 'read'];
const STORAGE_RW: readonly StorageAccess[] = ['write', 'read', 'read_write'];

type Row = Omit<TextureFormat, 'code'>;
const row = (
  name: string,
  channels: number,
  storage: TexelStorage,
  texelBytes: number,
  sampled: SampledKind,
  filterable: boolean,
  storageAccess: readonly StorageAccess[],
  extra: Partial<Row> = {},
): Row => ({ name, channels, storage, texelBytes, sampled, filterable, storageAccess, ...extra });

/**
 * Every format WebGPU core samples or stores (stencil and compressed formats excepted), then the two
 * depth formats a workload can fill (depth24plus has no defined bits; stencil is not a depth).
 */
const ROWS: Row[] = [
  row('r8unorm', 1, 'unorm8', 1, 'f32', true, NO_STORAGE),
  row('r8snorm', 1, 'snorm8', 1, 'f32', true, NO_STORAGE),
  row('r8uint', 1, 'uint8', 1, 'u32', false, NO_STORAGE),
  row('r8sint', 1, 'sint8', 1, 'i32', false, NO_STORAGE),
  row('rg8unorm', 2, 'unorm8', 2, 'f32', true, NO_STORAGE),
  row('rg8snorm', 2, 'snorm8', 2, 'f32', true, NO_STORAGE),
  row('rg8uint', 2, 'uint8', 2, 'u32', false, NO_STORAGE),
  row('rg8sint', 2, 'sint8', 2, 'i32', false, NO_STORAGE),
  row('rgba8unorm', 4, 'unorm8', 4, 'f32', true, STORAGE),
  row('rgba8unorm-srgb', 4, 'unorm8', 4, 'f32', true, NO_STORAGE, { srgb: true }),
  row('rgba8snorm', 4, 'snorm8', 4, 'f32', true, STORAGE),
  row('rgba8uint', 4, 'uint8', 4, 'u32', false, STORAGE),
  row('rgba8sint', 4, 'sint8', 4, 'i32', false, STORAGE),
  row('bgra8unorm', 4, 'unorm8', 4, 'f32', true, ['write'], {
    bgra: true,
    storageFeature: 'bgra8unorm-storage',
  }),
  row('bgra8unorm-srgb', 4, 'unorm8', 4, 'f32', true, NO_STORAGE, { bgra: true, srgb: true }),
  row('r16uint', 1, 'uint16', 2, 'u32', false, NO_STORAGE),
  row('r16sint', 1, 'sint16', 2, 'i32', false, NO_STORAGE),
  row('r16float', 1, 'float16', 2, 'f32', true, NO_STORAGE),
  row('rg16uint', 2, 'uint16', 4, 'u32', false, NO_STORAGE),
  row('rg16sint', 2, 'sint16', 4, 'i32', false, NO_STORAGE),
  row('rg16float', 2, 'float16', 4, 'f32', true, NO_STORAGE),
  row('rgba16uint', 4, 'uint16', 8, 'u32', false, STORAGE),
  row('rgba16sint', 4, 'sint16', 8, 'i32', false, STORAGE),
  row('rgba16float', 4, 'float16', 8, 'f32', true, STORAGE),
  row('r32uint', 1, 'uint32', 4, 'u32', false, STORAGE_RW),
  row('r32sint', 1, 'sint32', 4, 'i32', false, STORAGE_RW),
  row('r32float', 1, 'float32', 4, 'f32', false, STORAGE_RW),
  row('rg32uint', 2, 'uint32', 8, 'u32', false, STORAGE),
  row('rg32sint', 2, 'sint32', 8, 'i32', false, STORAGE),
  row('rg32float', 2, 'float32', 8, 'f32', false, STORAGE),
  row('rgba32uint', 4, 'uint32', 16, 'u32', false, STORAGE),
  row('rgba32sint', 4, 'sint32', 16, 'i32', false, STORAGE),
  row('rgba32float', 4, 'float32', 16, 'f32', false, STORAGE),
  row('rgb10a2uint', 4, 'rgb10a2uint', 4, 'u32', false, NO_STORAGE),
  row('rgb10a2unorm', 4, 'rgb10a2unorm', 4, 'f32', true, NO_STORAGE),
  row('rg11b10ufloat', 3, 'rg11b10ufloat', 4, 'f32', true, NO_STORAGE),
  row('rgb9e5ufloat', 3, 'rgb9e5ufloat', 4, 'f32', true, NO_STORAGE),
  // Depth textures filter only through a comparison sampler (WebGPU §26.1.2: sample type "depth").
  row('depth16unorm', 1, 'depth16unorm', 2, 'f32', false, NO_STORAGE, { depth: true }),
  row('depth32float', 1, 'depth32float', 4, 'f32', false, NO_STORAGE, { depth: true }),
];

export const TEXTURE_FORMATS: readonly TextureFormat[] = ROWS.map((r, code) => ({ code, ...r }));
export const TEXTURE_FORMAT_NAMES = TEXTURE_FORMATS.map((f) => f.name) as readonly string[];

const BY_NAME = new Map(TEXTURE_FORMATS.map((f) => [f.name, f]));
export function textureFormat(name: string): TextureFormat | undefined {
  return BY_NAME.get(name);
}

/** Formats a `texture_storage_*` may name (WGSL §6.5.5 storage texel formats, WebGPU core). */
export const STORAGE_TEXTURE_FORMATS = TEXTURE_FORMATS.filter((f) => f.storageAccess.length > 0);

/**
 * A texture view's dimension, as the workload names it and WGSL's texture type implies. A cube is a 2d
 * texture of 6 square layers (+x, -x, +y, -y, +z, -z: WebGPU §6.2 "cube" view), a cube array 6 per cube.
 */
export const TEXTURE_DIMENSIONS = ['1d', '2d', '2d-array', '3d', 'cube', 'cube-array'] as const;
export type TextureDimension = (typeof TEXTURE_DIMENSIONS)[number];
/** The header's dimension code (C++: DUET_TEX_1D .. DUET_TEX_CUBE_ARRAY). */
export const DIMENSION_CODE: Record<TextureDimension, number> = {
  '1d': 1,
  '2d': 2,
  '2d-array': 3,
  '3d': 4,
  cube: 5,
  'cube-array': 6,
};
/** Layers per cube (its faces). */
export const CUBE_FACES = 6;

/**
 * The header at the start of a texture slot: eight little-endian u32 words, then the texels at byte
 * TEXTURE_HEADER_BYTES (16-byte aligned, so rgba32 texels load whole).
 *   0 format code   1 width   2 height   3 depth or layers   4 mip levels   5 dimension code
 *   6 bytes per texel   7 zero
 * A 1d texture has height and depth 1; a 2d one depth 1; a cube width = height and 6 layers, a cube
 * array 6 × cubes.
 */
export const TEXTURE_HEADER_BYTES = 32;

export interface TextureShape {
  format: TextureFormat;
  dimension: TextureDimension;
  width: number;
  height: number;
  /** Layers of a 2d-array (6 per cube of a cube or cube-array), slices of a 3d texture, else 1. */
  depthOrLayers: number;
  mipLevels: number;
}

/** Size of mip level `level` (WebGPU §6.1.1 "logical miplevel-specific texture extent"). */
export function levelExtent(t: TextureShape, level: number): [number, number, number] {
  const w = Math.max(1, t.width >> level);
  const h = t.dimension === '1d' ? 1 : Math.max(1, t.height >> level);
  const d = t.dimension === '3d' ? Math.max(1, t.depthOrLayers >> level) : t.depthOrLayers;
  return [w, h, d];
}

/** Bytes of one mip level's texels, tightly packed. */
export function levelBytes(t: TextureShape, level: number): number {
  const [w, h, d] = levelExtent(t, level);
  return w * h * d * t.format.texelBytes;
}

/** Bytes of every level's texels (what a texture slot holds after its header). */
export function texelBytesOf(t: TextureShape): number {
  let n = 0;
  for (let l = 0; l < t.mipLevels; l++) n += levelBytes(t, l);
  return n;
}

/** The slot's whole size: header and texels. */
export function textureSlotBytes(t: TextureShape): number {
  return TEXTURE_HEADER_BYTES + texelBytesOf(t);
}

/** Writes the header words of `t` into the first TEXTURE_HEADER_BYTES of `slot`. */
export function writeTextureHeader(slot: Uint8Array, t: TextureShape): void {
  const v = new DataView(slot.buffer, slot.byteOffset, TEXTURE_HEADER_BYTES);
  const words = [
    t.format.code,
    t.width,
    t.height,
    t.depthOrLayers,
    t.mipLevels,
    DIMENSION_CODE[t.dimension],
    t.format.texelBytes,
    0,
  ];
  words.forEach((w, i) => {
    v.setUint32(i * 4, w, true);
  });
}

/** Sampler filters and address modes as the workload names them (WebGPU §7.1 GPUSamplerDescriptor). */
export const FILTER_MODES = ['nearest', 'linear'] as const;
export type FilterMode = (typeof FILTER_MODES)[number];
export const ADDRESS_MODES = ['clamp-to-edge', 'repeat', 'mirror-repeat'] as const;
export type AddressMode = (typeof ADDRESS_MODES)[number];
export const COMPARE_FUNCTIONS = [
  'never',
  'less',
  'equal',
  'less-equal',
  'greater',
  'not-equal',
  'greater-equal',
  'always',
] as const;
export type CompareFunction = (typeof COMPARE_FUNCTIONS)[number];

/** A sampler with every field resolved (the workload's shorthands expanded). */
export interface SamplerState {
  magFilter: FilterMode;
  minFilter: FilterMode;
  mipmapFilter: FilterMode;
  addressModeU: AddressMode;
  addressModeV: AddressMode;
  addressModeW: AddressMode;
  compare?: CompareFunction;
}

/**
 * A sampler slot: eight little-endian u32 words.
 *   0 magFilter   1 minFilter   2 mipmapFilter   (0 nearest, 1 linear)
 *   3 addressModeU   4 V   5 W   (0 clamp-to-edge, 1 repeat, 2 mirror-repeat)
 *   6 compare (0 none, 1 + index in COMPARE_FUNCTIONS)   7 zero
 */
export const SAMPLER_BYTES = 32;

export function encodeSampler(s: SamplerState): Uint8Array {
  const out = new Uint8Array(SAMPLER_BYTES);
  const v = new DataView(out.buffer);
  const words = [
    FILTER_MODES.indexOf(s.magFilter),
    FILTER_MODES.indexOf(s.minFilter),
    FILTER_MODES.indexOf(s.mipmapFilter),
    ADDRESS_MODES.indexOf(s.addressModeU),
    ADDRESS_MODES.indexOf(s.addressModeV),
    ADDRESS_MODES.indexOf(s.addressModeW),
    s.compare ? COMPARE_FUNCTIONS.indexOf(s.compare) + 1 : 0,
    0,
  ];
  words.forEach((w, i) => {
    v.setUint32(i * 4, w, true);
  });
  return out;
}

/**
 * What the translator reflects of a texture or sampler binding (compiler/reflect.ts), and what the
 * run plan checks a workload binding against.
 */
export type ResourceInfo =
  /** `depth`: a `texture_depth_*` (its sampled kind is f32), which only a depth format may fill. */
  | { kind: 'texture'; dimension: TextureDimension; sampled: SampledKind; depth?: true }
  | { kind: 'storage-texture'; dimension: TextureDimension; format: string; access: StorageAccess }
  | { kind: 'sampler'; comparison: boolean };
