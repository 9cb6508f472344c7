import type { Binding } from '../../core/workload';
import type { PresetReference } from '../lib/reference-kit';
import { type Picture, sampleBilinear, unorm8, unormPicture } from '../lib/texture-kit';

/** Each output pixel samples the source at its centre, bilinear and clamp-to-edge, stored as rgba8unorm. */
export function resizeReference(p: Picture, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = Math.fround((x + 0.5) / width);
      const v = Math.fround((y + 0.5) / height);
      out.set(sampleBilinear(p, u, v).map(unorm8), (y * width + x) * 4);
    }
  }
  return out;
}

export const reference: PresetReference = (w) => {
  const dst = w.bindings.find((b) => b.name === 'dst') as Binding & { size: number[] };
  return { dst: resizeReference(unormPicture(w, 'src'), dst.size[0]!, dst.size[1]!) };
};
