import { describe, expect, it } from 'vitest';
import { type Binding, bindingSchema } from '../../core/workload';
import { toRgba } from '../components/OutputImage';
import { outputImageOf } from './output-image';

const texture = (format: string, size: number[], extra: Record<string, unknown> = {}): Binding =>
  bindingSchema.parse({
    group: 0,
    binding: 0,
    name: 'dst',
    kind: 'storage-texture',
    format,
    size,
    access: 'write',
    output: true,
    ...extra,
  });

describe('outputImageOf', () => {
  it('draws 2d colour storage textures as colours and r32 formats as heat maps', () => {
    expect(outputImageOf(texture('rgba8unorm', [64, 48]))).toEqual({
      spec: { width: 64, height: 48, format: 'rgba8' },
      element: 'bytes',
    });
    expect(outputImageOf(texture('bgra8unorm', [2, 2]))?.spec.format).toBe('bgra8');
    expect(outputImageOf(texture('r32float', [3, 2]))).toEqual({
      spec: { width: 3, height: 2, format: 'scalar' },
      element: 'f32',
    });
  });

  it('draws the first layer of a 2d-array, and nothing for 1d, 3d or other formats', () => {
    expect(outputImageOf(texture('rgba8unorm', [4, 4, 3]))?.spec).toEqual({
      width: 4,
      height: 4,
      format: 'rgba8',
    });
    expect(outputImageOf(texture('rgba8unorm', [4]))).toBeUndefined();
    expect(outputImageOf(texture('rgba8unorm', [4, 4, 4], { dimension: '3d' }))).toBeUndefined();
    expect(outputImageOf(texture('rgba16float', [4, 4]))).toBeUndefined();
  });

  it('keeps a buffer image view as the workload says', () => {
    const b = bindingSchema.parse({
      group: 0,
      binding: 1,
      name: 'o',
      kind: 'storage',
      element: 'f32',
      length: 4,
      output: true,
      image: { width: 2, height: 2, format: 'scalar' },
    });
    expect(outputImageOf(b)).toEqual({ spec: { width: 2, height: 2, format: 'scalar' }, element: 'f32' });
  });
});

describe('toRgba', () => {
  it('swaps blue and red of bgra8 texels', () => {
    const px = toRgba(new Uint8Array([1, 2, 3, 4]), 'bytes', { width: 1, height: 1, format: 'bgra8' });
    expect([...px]).toEqual([3, 2, 1, 4]);
  });
});
