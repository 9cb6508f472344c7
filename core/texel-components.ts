/**
 * What a texture's `init` numbers mean: one number per stored component, in the format's storage
 * type (docs/contracts.md §1 "Textures"). 8/16/32-bit integer and normalized formats take the stored
 * integer (0..255 for unorm8, -128..127 for snorm8), float formats the value, packed formats the raw
 * value of each bit field (rgb10a2: 10, 10, 10, 2 bits; rg11b10ufloat: 11, 11, 10; rgb9e5ufloat:
 * three 9-bit mantissas then the 5-bit shared exponent), low bits first (WebGPU §26.1, Vulkan
 * "Packed Formats"). Depth formats take the depth itself, a number in [0, 1] (depth16unorm stores
 * round(d × 65535)).
 */
import type { TexelStorage, TextureFormat } from './texture-formats';

/** Either whole numbers in [min, max], or floats up to ±max (f16 and f32) or in [min, max] (depths). */
export type ComponentRange =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'float'; max: number; min?: number };

/** Bit widths of a packed format's fields, low bits first; undefined for unpacked formats. */
export const PACKED_FIELDS: Partial<Record<TexelStorage, readonly number[]>> = {
  rgb10a2unorm: [10, 10, 10, 2],
  rgb10a2uint: [10, 10, 10, 2],
  rg11b10ufloat: [11, 11, 10],
  rgb9e5ufloat: [9, 9, 9, 5],
};

const INT: Partial<Record<TexelStorage, [number, number]>> = {
  unorm8: [0, 255],
  snorm8: [-128, 127],
  uint8: [0, 255],
  sint8: [-128, 127],
  uint16: [0, 65535],
  sint16: [-32768, 32767],
  uint32: [0, 4294967295],
  sint32: [-2147483648, 2147483647],
};

const FLOAT_MAX: Partial<Record<TexelStorage, number>> = { float16: 65504, float32: 3.4028234663852886e38 };

/** Numbers `init` gives per texel: the format's channels, or a packed format's fields. */
export function componentsPerTexel(f: TextureFormat): number {
  return PACKED_FIELDS[f.storage]?.length ?? f.channels;
}

/** The range of component `c` (0-based, within a texel) of format `f`. */
export function componentRange(f: TextureFormat, c: number): ComponentRange {
  const packed = PACKED_FIELDS[f.storage];
  if (packed) return { kind: 'int', min: 0, max: 2 ** packed[c % packed.length]! - 1 };
  // A depth is a number in [0, 1] whatever its storage (WebGPU clamps fragment depth to the viewport's).
  if (f.depth) return { kind: 'float', min: 0, max: 1 };
  const int = INT[f.storage];
  if (int) return { kind: 'int', min: int[0], max: int[1] };
  return { kind: 'float', max: FLOAT_MAX[f.storage]! };
}

/** Why `v` does not fit component `c` of `f`, or null when it does. */
export function componentMisfit(f: TextureFormat, c: number, v: number): string | null {
  const r = componentRange(f, c);
  if (r.kind === 'float' && r.min !== undefined)
    return v >= r.min && v <= r.max ? null : `${v} is not a depth (${f.name} holds numbers in [0, 1])`;
  if (r.kind === 'float')
    return Math.abs(v) > r.max ? `${v} is beyond the largest ${f.storage} (${r.max})` : null;
  if (Number.isInteger(v) && v >= r.min && v <= r.max) return null;
  const what = PACKED_FIELDS[f.storage] ? `bit field ${c} of ${f.name}` : `a ${f.storage} component`;
  return `${v} does not fit ${what} (${Number.isInteger(v) ? '' : 'whole numbers '}${r.min} to ${r.max})`;
}
