import type { PresetReference } from '../lib/reference-kit';

const WEIGHTS = [1, 4, 6, 4, 1];

/** 5×5 binomial blur with clamp-to-edge, summed row by row (dy outer, dx inner) like the kernel. */
export function blurReference(src: Float32Array, width: number, height: number): Float32Array {
  const dst = new Float32Array(width * height);
  const clamp = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let dy = -2; dy <= 2; dy++) {
        const sy = clamp(y + dy, height - 1);
        for (let dx = -2; dx <= 2; dx++) {
          const sx = clamp(x + dx, width - 1);
          const w = WEIGHTS[dy + 2]! * WEIGHTS[dx + 2]!;
          acc = Math.fround(acc + Math.fround(w * src[sy * width + sx]!));
        }
      }
      dst[y * width + x] = Math.fround(acc * (1 / 256));
    }
  }
  return dst;
}

export const reference: PresetReference = (_w, io) => ({
  dst: blurReference(io.f32('src'), io.field('params', 'width'), io.field('params', 'height')),
});
