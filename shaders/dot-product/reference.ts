import type { PresetReference } from '../lib/reference-kit';

/** In-place tree sum of a 256-slot tile, stride 128, 64, … 1, each addition rounded to f32. */
function treeSum(tile: Float32Array): number {
  for (let stride = tile.length >> 1; stride > 0; stride >>= 1) {
    for (let l = 0; l < stride; l++) tile[l] = Math.fround(tile[l]! + tile[l + stride]!);
  }
  return tile[0]!;
}

/**
 * The kernel's exact order: per workgroup, products rounded to f32 then the tree; then invocation l
 * of the final pass adds partials l, l+256, … left to right, and a last tree combines the 256 sums.
 */
export function dotReference(
  x: Float32Array,
  y: Float32Array,
  n: number,
): { partials: Float32Array; result: number } {
  const wg = 256;
  const count = Math.ceil(n / wg);
  const partials = new Float32Array(count);
  const tile = new Float32Array(wg);
  for (let w = 0; w < count; w++) {
    for (let l = 0; l < wg; l++) {
      const i = w * wg + l;
      tile[l] = i < n ? Math.fround(x[i]! * y[i]!) : 0;
    }
    partials[w] = treeSum(tile);
  }
  for (let l = 0; l < wg; l++) {
    let acc = 0;
    for (let j = l; j < count; j += wg) acc = Math.fround(acc + partials[j]!);
    tile[l] = acc;
  }
  return { partials, result: treeSum(tile) };
}

export const reference: PresetReference = (_w, io) => {
  const { partials, result } = dotReference(io.f32('x'), io.f32('y'), io.field('params', 'n'));
  return { partial_sums: partials, result: Float32Array.of(result) };
};
