import type { PresetReference } from '../lib/reference-kit';

/** The sorted keys (a sorting network sorts; the reference need not follow the network). */
export function sortReference(keys: Uint32Array): Uint32Array {
  return Uint32Array.from(keys).sort();
}

/** Number of compare-exchange passes of a bitonic network over n = 2^p keys: p(p+1)/2. */
export function bitonicPassCount(n: number): number {
  const p = Math.log2(n);
  return (p * (p + 1)) / 2;
}

export const reference: PresetReference = (w, io) => {
  if (w.passes?.length !== bitonicPassCount(io.field('params', 'n'))) {
    throw new Error(`bitonic-sort: ${w.passes?.length} passes for n = ${io.field('params', 'n')}`);
  }
  return { keys: sortReference(io.u32('keys')) };
};
