import type { PresetReference } from '../lib/reference-kit';
import { type Picture, texel, unorm8, unormPicture } from '../lib/texture-kit';

const f = Math.fround;
const luminance = (p: Picture, x: number, y: number) =>
  f(f(f(texel(p, x, y, 0) * 0.2126) + f(texel(p, x, y, 1) * 0.7152)) + f(texel(p, x, y, 2) * 0.0722));

/** Sobel gradient length / 4 per pixel, stored as rgba8unorm grey (channels decoded to [0, 1]). */
export function sobelReference(p: Picture): Float32Array {
  const out = new Float32Array(p.width * p.height * 4);
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const l = (dx: number, dy: number) => luminance(p, x + dx, y + dy);
      const gx = l(1, -1) + 2 * l(1, 0) + l(1, 1) - (l(-1, -1) + 2 * l(-1, 0) + l(-1, 1));
      const gy = l(-1, 1) + 2 * l(0, 1) + l(1, 1) - (l(-1, -1) + 2 * l(0, -1) + l(1, -1));
      const m = unorm8(Math.hypot(gx, gy) / 4);
      out.set([m, m, m, 1], (y * p.width + x) * 4);
    }
  }
  return out;
}

export const reference: PresetReference = (w) => ({
  dst: sobelReference(unormPicture(w, 'src')),
});
