import type { PresetReference } from '../lib/reference-kit';

/**
 * Bin of each value as the kernel computes it: v·bins rounded to f32 (Math.fround), truncated, and
 * clamped to the last bin. Without the fround a value just below a bin edge could land in the other
 * bin than the GPU's.
 */
export function histogramReference(values: Float32Array, n: number, bins: number): Uint32Array {
  const out = new Uint32Array(bins);
  for (let i = 0; i < Math.min(n, values.length); i++) {
    const scaled = Math.fround(values[i]! * bins);
    out[Math.min(Math.max(0, Math.trunc(scaled)), bins - 1)]!++;
  }
  return out;
}

export const reference: PresetReference = (_w, io) => ({
  histogram: histogramReference(io.f32('values'), io.field('params', 'n'), io.field('params', 'bins')),
});
