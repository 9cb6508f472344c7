/**
 * Texels to channel values and back (docs/contracts.md §1 "Textures"), as WGSL's texture built-ins
 * see them: WebGPU §26.1 "Texture Formats" and the conversions it cites (Vulkan §3.9 "Fixed-Point
 * Data Conversions", the D3D11 functional spec's float→unorm rule). Compare decodes outputs with it,
 * the page draws textures with it, texel-init writes `init` components with `writeComponent`.
 *
 * Channels come back in rgba order (bgra formats are swizzled), as many as the format has.
 */
import { f16BitsToF32, f32ToF16Bits } from './f16';
import { PACKED_FIELDS } from './texel-components';
import type { TextureFormat } from './texture-formats';

/** Bit offset of each field of a packed format, low bits first. */
function fieldShift(fields: readonly number[], c: number): number {
  let shift = 0;
  for (let k = 0; k < c; k++) shift += fields[k]!;
  return shift;
}

/**
 * Writes stored component `c` (in storage order: bgra8unorm's 0 is blue) of the texel at byte
 * `offset`, as `init` means it: the stored integer, the float value, or a packed bit field.
 * Integers keep their low bits, like a buffer's store (core/generators.ts).
 */
export function writeComponent(view: DataView, offset: number, f: TextureFormat, c: number, v: number): void {
  const fields = PACKED_FIELDS[f.storage];
  if (fields) {
    const shift = fieldShift(fields, c);
    const mask = 2 ** fields[c]! - 1;
    const word = view.getUint32(offset, true);
    const cleared = word - (Math.floor(word / 2 ** shift) % (mask + 1)) * 2 ** shift;
    view.setUint32(offset, cleared + (Math.trunc(v) & mask) * 2 ** shift, true);
    return;
  }
  const t = Math.trunc(v);
  switch (f.storage) {
    case 'unorm8':
    case 'uint8':
      view.setUint8(offset + c, t & 0xff);
      return;
    case 'snorm8':
    case 'sint8':
      view.setInt8(offset + c, t);
      return;
    case 'uint16':
      view.setUint16(offset + 2 * c, t & 0xffff, true);
      return;
    case 'sint16':
      view.setInt16(offset + 2 * c, t, true);
      return;
    case 'float16':
      view.setUint16(offset + 2 * c, f32ToF16Bits(v), true);
      return;
    case 'uint32':
      view.setUint32(offset + 4 * c, t >>> 0, true);
      return;
    case 'sint32':
      view.setInt32(offset + 4 * c, t | 0, true);
      return;
    case 'float32':
    case 'depth32float':
      view.setFloat32(offset + 4 * c, v, true);
      return;
    case 'depth16unorm':
      view.setUint16(offset, toNorm(v, 65535, 0), true);
      return;
  }
}

/** Stored component `c` as a number: the integer, the float, the packed field's raw bits, or the depth. */
export function readComponent(view: DataView, offset: number, f: TextureFormat, c: number): number {
  const fields = PACKED_FIELDS[f.storage];
  if (fields) return Math.floor(view.getUint32(offset, true) / 2 ** fieldShift(fields, c)) % 2 ** fields[c]!;
  switch (f.storage) {
    case 'unorm8':
    case 'uint8':
      return view.getUint8(offset + c);
    case 'snorm8':
    case 'sint8':
      return view.getInt8(offset + c);
    case 'uint16':
      return view.getUint16(offset + 2 * c, true);
    case 'sint16':
      return view.getInt16(offset + 2 * c, true);
    case 'float16':
      return f16BitsToF32(view.getUint16(offset + 2 * c, true));
    case 'uint32':
      return view.getUint32(offset + 4 * c, true);
    case 'sint32':
      return view.getInt32(offset + 4 * c, true);
    case 'depth16unorm':
      return view.getUint16(offset, true) / 65535;
    default:
      return view.getFloat32(offset + 4 * c, true);
  }
}

/** sRGB → linear (WebGPU §26.1 "-srgb" formats; the sRGB EOTF of IEC 61966-2-1). */
export const srgbToLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
export const linearToSrgb = (c: number) => (c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055);

/** An unsigned float of `m` mantissa bits and 5 exponent bits, bias 15 (rg11b10ufloat's fields). */
function smallUfloat(bits: number, m: number): number {
  const e = bits >>> m;
  const mant = bits & ((1 << m) - 1);
  if (e === 0) return (mant / 2 ** m) * 2 ** -14;
  if (e === 31) return mant ? Number.NaN : Number.POSITIVE_INFINITY;
  return 2 ** (e - 15) * (1 + mant / 2 ** m);
}

/** rgba order of stored components: bgra formats store blue first. */
const rgbaOf = (f: TextureFormat, stored: number[]) =>
  f.bgra ? [stored[2]!, stored[1]!, stored[0]!, stored[3]!] : stored;

/**
 * The channels WGSL reads from the texel at byte `offset` (textureLoad's value, before the missing
 * channels are filled in with 0, 0, 1): unorm v/255, snorm max(v/127, −1), sRGB decoded, integers
 * as stored, floats widened, packed formats unpacked (rgb9e5: mantissa × 2^(exponent − 24)).
 */
export function decodeTexel(f: TextureFormat, view: DataView, offset: number): number[] {
  const raw = (c: number) => readComponent(view, offset, f, c);
  switch (f.storage) {
    case 'rgb10a2unorm':
      return [raw(0) / 1023, raw(1) / 1023, raw(2) / 1023, raw(3) / 3];
    case 'rg11b10ufloat':
      return [smallUfloat(raw(0), 6), smallUfloat(raw(1), 6), smallUfloat(raw(2), 5)];
    case 'rgb9e5ufloat': {
      const scale = 2 ** (raw(3) - 24);
      return [raw(0) * scale, raw(1) * scale, raw(2) * scale];
    }
  }
  const stored = Array.from({ length: f.channels }, (_, c) => raw(c));
  const values =
    f.storage === 'unorm8'
      ? stored.map((v) => v / 255)
      : f.storage === 'snorm8'
        ? stored.map((v) => Math.max(v / 127, -1))
        : stored;
  const rgba = rgbaOf(f, values);
  return f.srgb ? rgba.map((v, c) => (c < 3 ? srgbToLinear(v) : v)) : rgba;
}

/** Every texel of `bytes` decoded, channel after channel: texels × f.channels numbers. */
export function decodeTexels(f: TextureFormat, bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const texels = Math.floor(bytes.byteLength / f.texelBytes);
  const perTexel = f.storage === 'rgb9e5ufloat' || f.storage === 'rg11b10ufloat' ? 3 : f.channels;
  const out = new Float64Array(texels * perTexel);
  for (let t = 0; t < texels; t++) out.set(decodeTexel(f, view, t * f.texelBytes), t * perTexel);
  return out;
}

/** Round to nearest, ties to even (as the preludes' stores: compiler/preludes/common.h `textures`). */
function roundEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** float → unorm/snorm as textureStore does: clamp, scale, round to nearest even (NaN → 0). */
const toNorm = (x: number, scale: number, lo: number) =>
  Number.isNaN(x) ? 0 : roundEven(Math.min(1, Math.max(lo, x)) * scale);

/**
 * Writes channel values (rgba order) into the texel at byte `offset` as textureStore converts them:
 * unorm round(clamp(x, 0, 1) × 255), snorm round(clamp(x, −1, 1) × 127), sRGB encoded first, f16
 * rounded to nearest even, integers keep their low bits. Ties round to even here, as in the preludes;
 * GPUs may round either way (hence the one-step default tolerance of 8-bit outputs, texture-compare.ts).
 * The two shared-exponent / small-float formats are not written by any storage texture: refused.
 */
export function encodeTexel(f: TextureFormat, rgba: readonly number[], view: DataView, offset: number): void {
  const v = (c: number) => rgba[c] ?? (c === 3 ? 1 : 0);
  switch (f.storage) {
    case 'rgb10a2unorm':
    case 'rgb10a2uint': {
      const unorm = f.storage === 'rgb10a2unorm';
      [0, 1, 2, 3].forEach((c) => {
        const max = c === 3 ? 3 : 1023;
        writeComponent(view, offset, f, c, unorm ? toNorm(v(c), max, 0) : v(c));
      });
      return;
    }
    case 'rg11b10ufloat':
    case 'rgb9e5ufloat':
      throw new Error(`encoding ${f.name} texels is not supported: no storage texture has that format`);
  }
  const channels = Array.from({ length: f.channels }, (_, c) => v(c));
  const linear = f.srgb
    ? channels.map((x, c) => (c < 3 ? linearToSrgb(Math.min(1, Math.max(0, x))) : x))
    : channels;
  const stored = rgbaOf(f, linear);
  stored.forEach((x, c) => {
    const s = f.storage === 'unorm8' ? toNorm(x, 255, 0) : f.storage === 'snorm8' ? toNorm(x, 127, -1) : x;
    writeComponent(view, offset, f, c, s);
  });
}
