/**
 * A picture file as a texture input (docs/contracts.md, textures): decoded by the browser
 * (createImageBitmap, so PNG, JPEG, WebP, GIF's first frame: whatever the browser reads), drawn
 * unscaled on a canvas, and read back as rgba8 texels, rows top to bottom. The workload then holds
 * the texels as base64, so both sides upload the very same bytes.
 */
import { bytesToBase64 } from '../gpu/base64';
import type { RawBinding } from './workload-form';

/**
 * Largest picture accepted: 1 MiB of rgba8 texels (e.g. 512×512 or 640×400). The workload carries
 * the texels as base64 in its JSON, in the page's link and in shared runs (which hold at most 1 MiB
 * each, server/share/immutable-records.ts), so bigger pictures would make the page slow to edit and
 * unshareable; WebGPU itself allows 8192 per side.
 */
export const MAX_IMAGE_PIXELS = 512 * 512;
/** No side longer than this, whatever the area (WebGPU's default maxTextureDimension2D is 8192). */
export const MAX_IMAGE_SIDE = 2048;

export class ImageInputError extends Error {
  override name = 'ImageInputError';
}

export interface Picture {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** Why a picture of this size is refused, or undefined when it fits. */
export function pictureSizeProblem(fileName: string, width: number, height: number): string | undefined {
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    return (
      `"${fileName}" is ${width}×${height} px; pictures may have at most ${MAX_IMAGE_PIXELS.toLocaleString('en-US')} ` +
      `pixels (e.g. 512×512) and ${MAX_IMAGE_SIDE} px per side: scale it down first`
    );
  }
  return undefined;
}

/** Decodes an image file into rgba8 texels; ImageInputError for non-images and oversized pictures. */
export async function pictureFromFile(file: File): Promise<Picture> {
  if (file.type && !file.type.startsWith('image/')) {
    throw new ImageInputError(`"${file.name}" is not an image (${file.type}); choose a PNG or JPEG file`);
  }
  let bitmap: ImageBitmap;
  try {
    // Texels as stored: no colour-space conversion, no premultiplied alpha (both would change bytes).
    bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch {
    throw new ImageInputError(`"${file.name}" could not be decoded as an image; choose a PNG or JPEG file`);
  }
  try {
    const { width, height } = bitmap;
    const problem = pictureSizeProblem(file.name, width, height);
    if (problem) throw new ImageInputError(problem);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new ImageInputError('this browser cannot read pixels from a canvas');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, width, height).data;
    return { width, height, rgba: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
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
