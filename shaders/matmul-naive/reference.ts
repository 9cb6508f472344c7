import type { PresetReference } from '../lib/reference-kit';

/**
 * C = A·B, row-major, each dot product summed in k order with every product and every sum rounded to
 * f32 — the order all three matmul kernels use. A side that fuses multiply and add rounds once per
 * step instead of twice; over K steps that drifts by at most a few ULP of the running sum, which the
 * presets' tolerance (1e-4 abs/rel) covers.
 */
export function matmulReference(
  a: Float32Array,
  b: Float32Array,
  m: number,
  n: number,
  k: number,
): Float32Array {
  const c = new Float32Array(m * n);
  for (let r = 0; r < m; r++) {
    for (let col = 0; col < n; col++) {
      let sum = 0;
      for (let i = 0; i < k; i++) sum = Math.fround(sum + Math.fround(a[r * k + i]! * b[i * n + col]!));
      c[r * n + col] = sum;
    }
  }
  return c;
}

export const reference: PresetReference = (_w, io) => ({
  c: matmulReference(
    io.f32('a'),
    io.f32('b'),
    io.field('params', 'm'),
    io.field('params', 'n'),
    io.field('params', 'k'),
  ),
});
