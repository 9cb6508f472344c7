import type { PresetReference } from '../lib/reference-kit';
import { type Picture, sampleBilinear, unorm8, unormPicture } from '../lib/texture-kit';

const OFFSETS = [0, 1.3846153846, 3.2307692308];
const WEIGHTS = [0.227027027, 0.3162162162, 0.0702702703];
const TAPS = [0.227027027, 0.1945945946, 0.1216216216, 0.0540540541, 0.0162162162];

/** Horizontal pass by 5 bilinear reads, vertical by 9 discrete taps, stored as rgba8unorm. */
export function blurReference(p: Picture): Float32Array {
  const { width, height } = p;
  const tmp = new Float32Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = (x + 0.5) / width;
      const v = (y + 0.5) / height;
      const acc = sampleBilinear(p, u, v).map((c) => c * WEIGHTS[0]!);
      for (let i = 1; i < 3; i++) {
        const d = OFFSETS[i]! / width;
        const right = sampleBilinear(p, u + d, v);
        const left = sampleBilinear(p, u - d, v);
        for (let c = 0; c < 4; c++) acc[c]! += (right[c]! + left[c]!) * WEIGHTS[i]!;
      }
      tmp.set(acc, (y * width + x) * 4);
    }
  }
  const out = new Float32Array(width * height * 4);
  const at = (x: number, y: number, c: number) =>
    tmp[(Math.min(Math.max(y, 0), height - 1) * width + x) * 4 + c]!;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let acc = at(x, y, c) * TAPS[0]!;
        for (let i = 1; i < 5; i++) acc += (at(x, y - i, c) + at(x, y + i, c)) * TAPS[i]!;
        out[(y * width + x) * 4 + c] = unorm8(acc);
      }
      out[(y * width + x) * 4 + 3] = 1;
    }
  }
  return out;
}

export const reference: PresetReference = (w) => ({
  dst: blurReference(unormPicture(w, 'src')),
});
