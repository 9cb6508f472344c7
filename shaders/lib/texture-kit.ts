/**
 * What the texture presets' references share: an rgba8unorm picture as floats, WebGPU's bilinear
 * sampling with clamp-to-edge (WebGPU §7.1, Vulkan "Texel Filtering": texel centres at +0.5, weights
 * from the fractional part), and the unorm8 store rounding (round(clamp(x, 0, 1) · 255), WebGPU §26.1).
 */
import { generateTexels } from '../../core/texel-init';
import { textureShapeOf } from '../../core/texture-binding';
import type { Workload } from '../../core/workload';

/** A picture's channels as f32 in [0, 1], rows top to bottom, 4 per texel. */
export interface Picture {
  width: number;
  height: number;
  rgba: Float32Array;
}

/** An rgba8unorm texture binding's level 0, decoded (v / 255), from the texels both sides upload. */
export function unormPicture(w: Workload, name: string): Picture {
  const b = w.bindings.find((x) => x.name === name);
  if (b?.kind !== 'texture') throw new Error(`${w.name}: no texture binding named "${name}"`);
  const shape = textureShapeOf(b);
  const texels = generateTexels(shape, b.init);
  const rgba = new Float32Array(shape.width * shape.height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = Math.fround(texels[i]! / 255);
  return { width: shape.width, height: shape.height, rgba };
}

const clampInt = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);

/** textureLoad with clamped coordinates: channel c of texel (x, y). */
export function texel(p: Picture, x: number, y: number, c: number): number {
  return p.rgba[(clampInt(y, p.height - 1) * p.width + clampInt(x, p.width - 1)) * 4 + c]!;
}

/** textureSampleLevel(level 0) with a linear, clamp-to-edge sampler at normalised (u, v): 4 channels. */
export function sampleBilinear(p: Picture, u: number, v: number): number[] {
  const x = Math.fround(Math.fround(u * p.width) - 0.5);
  const y = Math.fround(Math.fround(v * p.height) - 0.5);
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = Math.fround(x - x0);
  const fy = Math.fround(y - y0);
  return [0, 1, 2, 3].map((c) => {
    const top = texel(p, x0, y0, c) * (1 - fx) + texel(p, x0 + 1, y0, c) * fx;
    const bottom = texel(p, x0, y0 + 1, c) * (1 - fx) + texel(p, x0 + 1, y0 + 1, c) * fx;
    return Math.fround(top * (1 - fy) + bottom * fy);
  });
}

/** What an rgba8unorm store keeps of x, decoded again: round(clamp(x, 0, 1) · 255) / 255. */
export function unorm8(x: number): number {
  return Math.fround(Math.round(Math.min(Math.max(x, 0), 1) * 255) / 255);
}
