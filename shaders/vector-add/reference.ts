import type { PresetReference } from '../lib/reference-kit';

/** c[i] = a[i] + b[i] for i < n, rounded to f32 (one rounding: the sum is exact in double first). */
export function vectorAddReference(n: number, a: Float32Array, b: Float32Array): Float32Array {
  const c = new Float32Array(a.length);
  for (let i = 0; i < Math.min(n, a.length, b.length); i++) c[i] = Math.fround(a[i]! + b[i]!);
  return c;
}

export const reference: PresetReference = (_w, io) => ({
  c: vectorAddReference(io.field('params', 'n'), io.f32('a'), io.f32('b')),
});
