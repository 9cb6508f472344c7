import type { PresetReference } from '../lib/reference-kit';

/**
 * Reference SAXPY in TypeScript: y[i] = a·x[i] + y[i] for i < n, rounding each operation to f32 as
 * WGSL does without FMA. A GPU that fuses the multiply-add rounds once instead of twice and may differ
 * by an ULP, which the default f32 tolerance accepts.
 */
export function saxpyReference(n: number, a: number, x: Float32Array, y: Float32Array): Float32Array {
  const out = Float32Array.from(y);
  const af = Math.fround(a);
  for (let i = 0; i < Math.min(n, x.length, y.length); i++) {
    out[i] = Math.fround(Math.fround(af * x[i]!) + y[i]!);
  }
  return out;
}

/** The preset's expected outputs: `y` after one execution. */
export const reference: PresetReference = (_w, io) => ({
  y: saxpyReference(io.field('params', 'n'), io.field('params', 'a'), io.f32('x'), io.f32('y')),
});
