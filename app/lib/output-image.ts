/**
 * How an output is drawn as an image, if it is: a buffer with an `image` view as it says, a 2d
 * storage texture by its format (docs/contracts.md, textures: rgba8unorm / bgra8unorm as colours,
 * one-channel 32-bit formats as a heat map of channel 0; other formats as numbers only).
 * Only level 0's first layer is drawn (the first width × height texels of the output).
 */
import type { Binding } from '../../core/workload';

export interface ImageSpec {
  width: number;
  height: number;
  /** rgba8: 4 bytes per pixel as is; bgra8: the same, blue first; scalar: one number per pixel. */
  format: 'rgba8' | 'bgra8' | 'scalar';
}

export interface OutputImageView {
  spec: ImageSpec;
  /** How `scalar` pixels are read (output-preview.ts element names). */
  element: string;
}

const COLOUR: Record<string, ImageSpec['format']> = {
  rgba8unorm: 'rgba8',
  'rgba8unorm-srgb': 'rgba8',
  bgra8unorm: 'bgra8',
  'bgra8unorm-srgb': 'bgra8',
};
const SCALAR: Record<string, string> = { r32float: 'f32', r32sint: 'i32', r32uint: 'u32' };

export function outputImageOf(b: Binding | undefined): OutputImageView | undefined {
  if (!b) return undefined;
  if (b.image) return { spec: b.image, element: b.element ?? 'bytes' };
  if (b.kind !== 'storage-texture' || !b.format || !b.size || b.dimension === '1d' || b.dimension === '3d')
    return undefined;
  if (b.size.length < 2) return undefined;
  const [width, height] = b.size as [number, number];
  if (COLOUR[b.format]) return { spec: { width, height, format: COLOUR[b.format]! }, element: 'bytes' };
  if (SCALAR[b.format]) return { spec: { width, height, format: 'scalar' }, element: SCALAR[b.format]! };
  return undefined;
}
