/**
 * Small copies of image outputs for shared runs (the page, the link preview, /recent): at most
 * THUMBNAIL_MAX pixels a side, nearest-neighbour (each thumbnail pixel is one output pixel, so a
 * differing pixel stays visibly different), RGBA as base64.
 */
import { THUMBNAIL_MAX } from '../../server/share/record';
import { bytesToBase64 } from '../gpu/base64';

export interface Thumbnail {
  width: number;
  height: number;
  /** base64 of width × height × 4 bytes. */
  rgba: string;
}

export function thumbnailOf(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Thumbnail {
  const scale = Math.max(width, height) / THUMBNAIL_MAX;
  const w = scale > 1 ? Math.max(1, Math.round(width / scale)) : width;
  const h = scale > 1 ? Math.max(1, Math.round(height / scale)) : height;
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(height - 1, Math.floor(((y + 0.5) * height) / h));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(width - 1, Math.floor(((x + 0.5) * width) / w));
      out.set(rgba.subarray((sy * width + sx) * 4, (sy * width + sx) * 4 + 4), (y * w + x) * 4);
    }
  }
  return { width: w, height: h, rgba: bytesToBase64(out) };
}
