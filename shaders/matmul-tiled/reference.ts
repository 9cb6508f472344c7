import type { PresetReference } from '../lib/reference-kit';
import { matmulReference } from '../matmul-naive/reference';

/**
 * Tiling changes where operands come from, not the order of the additions: the tiled kernel adds the
 * K products in k order, like the naive one (the zero padding past K adds exact zeros). The reference
 * is the naive one.
 */
export const reference: PresetReference = (_w, io) => ({
  c: matmulReference(
    io.f32('a'),
    io.f32('b'),
    io.field('params', 'm'),
    io.field('params', 'n'),
    io.field('params', 'k'),
  ),
});
