import type { PresetReference } from '../lib/reference-kit';
import { transposeReference } from '../transpose-naive/reference';

/** The same answer as the naive transpose: tiling changes the access order, never the result. */
export const reference: PresetReference = (_w, io) => ({
  output: transposeReference(io.f32('input'), io.field('params', 'width'), io.field('params', 'height')),
});
