import type { PresetReference } from '../lib/reference-kit';

/**
 * Reference workgroup reduction: the same pairwise tree as the kernel (stride 128, 64, … 1), each
 * addition rounded to f32. Floating-point addition is not associative, so a reference that summed
 * left to right would differ from the GPU by more than rounding noise on cancelling inputs; following
 * the kernel's order makes the expected partials exact.
 */
export function reduceWorkgroupReference(
  values: Float32Array,
  n: number,
  workgroupSize: number,
  workgroups: number,
): Float32Array {
  const partials = new Float32Array(workgroups);
  const tile = new Float32Array(workgroupSize);
  for (let w = 0; w < workgroups; w++) {
    for (let l = 0; l < workgroupSize; l++) {
      const i = w * workgroupSize + l;
      tile[l] = i < n && i < values.length ? values[i]! : 0;
    }
    for (let stride = workgroupSize >> 1; stride > 0; stride >>= 1) {
      for (let l = 0; l < stride; l++) tile[l] = Math.fround(tile[l]! + tile[l + stride]!);
    }
    partials[w] = tile[0]!;
  }
  return partials;
}

/** The preset's expected outputs: one partial sum per 256-element workgroup. */
export const reference: PresetReference = (w, io) => {
  const partials = w.bindings.find((b) => b.name === 'partials')!.length!;
  return { partials: reduceWorkgroupReference(io.f32('values'), io.field('params', 'n'), 256, partials) };
};
