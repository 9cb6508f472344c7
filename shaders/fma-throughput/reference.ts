import type { PresetReference } from '../lib/reference-kit';

/**
 * One chain step x·m + c. WGSL's fma() may be computed fused (one rounding) or as a multiply and an
 * add (two roundings); here the product of two f32 is exact in double, so rounding the double sum once
 * models the fused form, and the chain's contraction (|m| < 1) keeps either form within a few ULP.
 */
const step = (x: number, m: number, c: number) => Math.fround(x * m + c);

export function fmaReference(
  seeds: Float32Array,
  count: number,
  iterations: number,
  mul: number,
  add: number,
): Float32Array {
  const out = new Float32Array(seeds.length);
  const m = Math.fround(mul);
  const c = Math.fround(add);
  for (let i = 0; i < Math.min(count, seeds.length); i++) {
    const s = seeds[i]!;
    let v = [s, Math.fround(s + 1), Math.fround(s - 1), -s];
    for (let k = 0; k < iterations; k++) v = v.map((x) => step(x, m, c));
    out[i] = Math.fround(Math.fround(v[0]! + v[1]!) + Math.fround(v[2]! + v[3]!));
  }
  return out;
}

export const reference: PresetReference = (_w, io) => ({
  result: fmaReference(
    io.f32('seeds'),
    io.field('params', 'count'),
    io.field('params', 'iterations'),
    io.field('params', 'mul'),
    io.field('params', 'add'),
  ),
});
