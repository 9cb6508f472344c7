/**
 * A picture file as a texture input (docs/contracts.md, textures): decoded by the browser
 * (createImageBitmap, so PNG, JPEG, WebP, GIF's first frame: whatever the browser reads), drawn on a
 * canvas and read back as rgba8 texels, rows top to bottom. The workload then holds the texels as
 * base64, so both sides upload the very same bytes.
 *
 * A picture bigger than the limits below is scaled down on load, keeping its aspect ratio, and the
 * page says so (as Figma does with images over 4096 px), rather than refused: a photo straight from a
 * phone works. On request it is scaled to the texture's own size instead.
 */
import { bytesToBase64 } from '../gpu/base64';
import type { RawBinding } from './workload-form';

/**
 * Most texels a picture may have: 384×384. The workload carries them as base64 (4/3 of 4 bytes a
 * texel) in its JSON, its link and its shared run, and a shared run holds at most 1 MiB
 * (server/share/immutable-records.ts): 147,456 texels are 768 KiB of base64, which leaves room for
 * the rest of the run (image-texels.test.ts saves one). WebGPU itself would allow 8192 per side.
 */
export const MAX_IMAGE_PIXELS = 384 * 384;
/** No side longer than this, whatever the area (WebGPU's default maxTextureDimension2D is 8192). */
export const MAX_IMAGE_SIDE = 2048;
/** Largest file read at all: its decoded pixels are held in memory before they are scaled. */
export const MAX_IMAGE_FILE_BYTES = 64 * 1024 * 1024;

export class ImageInputError extends Error {
  override name = 'ImageInputError';
}

export interface Picture {
  width: number;
  height: number;
  rgba: Uint8Array;
  /** The file's own size, when it was scaled to width × height. */
  scaledFrom?: { width: number; height: number };
}

/** The largest size within the limits with the aspect ratio of width × height (itself when it fits). */
export function fitWithinLimits(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(
    1,
    Math.sqrt(MAX_IMAGE_PIXELS / (width * height)),
    MAX_IMAGE_SIDE / Math.max(width, height),
  );
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

const LIMITS = `${MAX_IMAGE_PIXELS.toLocaleString('en-US')} pixels (e.g. 384×384) and ${MAX_IMAGE_SIDE} px a side`;

/** Why a picture cannot be scaled to width × height (a texture's size), or undefined when it can. */
export function targetSizeProblem(width: number, height: number): string | undefined {
  if (width * height <= MAX_IMAGE_PIXELS && Math.max(width, height) <= MAX_IMAGE_SIDE) return undefined;
  return `the texture is ${width}×${height} px; a picture may have at most ${LIMITS}: untick "scale to the texture's size" to load it at a size that fits`;
}

/** What the page says about a loaded picture: its size, and from what and why it was scaled. */
export function describePicture(fileName: string, p: Picture, toTexture: boolean): string {
  const size = `${p.width}×${p.height}`;
  if (!p.scaledFrom) return `${fileName}: ${size}`;
  const from = `${p.scaledFrom.width}×${p.scaledFrom.height}`;
  return toTexture
    ? `${fileName}: ${from} scaled to the texture's ${size}`
    : `${fileName}: ${from} scaled down to ${size} (pictures hold at most ${LIMITS})`;
}

/**
 * Decodes an image file into rgba8 texels; ImageInputError for non-images, files over
 * MAX_IMAGE_FILE_BYTES and a `toSize` over the limits. Bigger pictures are scaled down to fit the
 * limits; with `toSize`, to exactly that size.
 */
export async function pictureFromFile(
  file: File,
  toSize?: { width: number; height: number },
): Promise<Picture> {
  if (file.type && !file.type.startsWith('image/')) {
    throw new ImageInputError(`"${file.name}" is not an image (${file.type}); choose a PNG or JPEG file`);
  }
  if (file.size > MAX_IMAGE_FILE_BYTES) {
    throw new ImageInputError(
      `"${file.name}" is ${(file.size / 1024 / 1024).toFixed(1)} MiB; picture files may be at most ${MAX_IMAGE_FILE_BYTES / 1024 / 1024} MiB`,
    );
  }
  const problem = toSize && targetSizeProblem(toSize.width, toSize.height);
  if (problem) throw new ImageInputError(`"${file.name}": ${problem}`);
  let bitmap: ImageBitmap;
  try {
    // Texels as stored: no colour-space conversion, no premultiplied alpha (both would change bytes).
    bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch {
    throw new ImageInputError(`"${file.name}" could not be decoded as an image; choose a PNG or JPEG file`);
  }
  try {
    const own = { width: bitmap.width, height: bitmap.height };
    const { width, height } = toSize ?? fitWithinLimits(own.width, own.height);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new ImageInputError('this browser cannot read pixels from a canvas');
    // Unscaled, the texels are the file's exactly; scaled, the browser's best resampling.
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
    const data = ctx.getImageData(0, 0, width, height).data;
    const rgba = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const scaled = width !== own.width || height !== own.height;
    return { width, height, rgba, ...(scaled ? { scaledFrom: own } : {}) };
  } finally {
    bitmap.close();
  }
}

/** Formats a picture can fill: 8-bit unorm rgba (the canvas gives rgba8; sRGB bytes as they are). */
export const PICTURE_FORMATS = ['rgba8unorm', 'rgba8unorm-srgb'] as const;

/**
 * The binding with the picture as its contents: size [width, height], init { base64 } of the texels,
 * a 2d texture with one mip level (a full mip chain would need texels the picture does not give).
 */
export function withPicture(b: RawBinding, p: Picture): RawBinding {
  const { dimension: _d, mipLevels: _m, ...rest } = b;
  const format = (PICTURE_FORMATS as readonly unknown[]).includes(b.format) ? b.format : 'rgba8unorm';
  return { ...rest, format, size: [p.width, p.height], init: { base64: bytesToBase64(p.rgba) } };
}

/** A 2d texture binding's size, [w, h] or [w, h, 1], as a picture size; undefined for anything else. */
export function pictureSizeOf(b: RawBinding): { width: number; height: number } | undefined {
  if (b.dimension !== undefined && b.dimension !== '2d') return undefined;
  const s = b.size;
  if (!Array.isArray(s) || s.length < 2 || s.length > 3 || (s.length === 3 && s[2] !== 1)) return undefined;
  const [width, height] = s;
  return Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0
    ? { width, height }
    : undefined;
}
