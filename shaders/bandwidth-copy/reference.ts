import type { PresetReference } from '../lib/reference-kit';

/** A copy of the first `count` vec4s (4 floats each); the rest of dst stays zero. */
export function copyReference(src: Float32Array, count: number): Float32Array {
  const dst = new Float32Array(src.length);
  dst.set(src.subarray(0, Math.min(src.length, count * 4)));
  return dst;
}

export const reference: PresetReference = (_w, io) => ({
  dst: copyReference(io.f32('src'), io.field('params', 'count')),
});
