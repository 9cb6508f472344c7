import type { PresetReference } from '../lib/reference-kit';

/** Inclusive prefix sums, wrapping at 2³² like WGSL's u32 addition. */
export function inclusiveScan(values: Uint32Array, n: number): Uint32Array {
  const out = new Uint32Array(values.length);
  let acc = 0;
  for (let i = 0; i < Math.min(n, values.length); i++) {
    acc = (acc + values[i]!) >>> 0;
    out[i] = acc;
  }
  return out;
}

/** After the three passes `block_totals[b]` holds the inclusive scan of the block totals. */
export function scannedBlockTotals(scanned: Uint32Array, n: number, blocks: number): Uint32Array {
  const out = new Uint32Array(blocks);
  for (let b = 0; b < blocks; b++) out[b] = scanned[Math.min(n, (b + 1) * 256) - 1]!;
  return out;
}

export const reference: PresetReference = (_w, io) => {
  const n = io.field('params', 'n');
  const output = inclusiveScan(io.u32('input'), n);
  return { output, block_totals: scannedBlockTotals(output, n, io.field('params', 'blocks')) };
};
