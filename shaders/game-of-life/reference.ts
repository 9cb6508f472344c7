import type { PresetReference } from '../lib/reference-kit';

/** One Life generation on a torus (cells 0/1, row-major). */
export function lifeStep(cells: Uint32Array, width: number, height: number): Uint32Array {
  const out = new Uint32Array(cells.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if (dx === 0 && dy === 0) continue;
          n += cells[((y + dy + height) % height) * width + ((x + dx + width) % width)]!;
        }
      }
      const alive = cells[y * width + x] === 1;
      out[y * width + x] = n === 3 || (alive && n === 2) ? 1 : 0;
    }
  }
  return out;
}

export function lifeReference(
  cells: Uint32Array,
  width: number,
  height: number,
  generations: number,
): Uint32Array {
  let grid = cells;
  for (let g = 0; g < generations; g++) grid = lifeStep(grid, width, height);
  return grid;
}

/** `next` after the last pass holds generation GENS = the number of passes. */
export const reference: PresetReference = (w, io) => ({
  next: lifeReference(
    io.u32('current'),
    io.field('params', 'width'),
    io.field('params', 'height'),
    w.passes!.length,
  ),
});
