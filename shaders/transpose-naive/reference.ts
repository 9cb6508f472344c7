import type { PresetReference } from '../lib/reference-kit';

/** Row-major H×W in → row-major W×H out: out[c·H + r] = in[r·W + c]. */
export function transposeReference(input: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) out[c * height + r] = input[r * width + c]!;
  return out;
}

export const reference: PresetReference = (_w, io) => ({
  output: transposeReference(io.f32('input'), io.field('params', 'width'), io.field('params', 'height')),
});
