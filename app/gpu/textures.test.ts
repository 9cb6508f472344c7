import { describe, expect, it } from 'vitest';
import { type TextureShape, textureFormat } from '../../core/texture-formats';
import {
  levelUploads,
  readbackLayout,
  samplerBindingType,
  samplerDescriptor,
  sampleTypeOf,
  storageAccessOf,
  stripRowPadding,
  viewDimensionFor,
} from './textures';

const shape = (
  format: string,
  width: number,
  height: number,
  extra: Partial<TextureShape> = {},
): TextureShape => ({
  format: textureFormat(format)!,
  dimension: '2d',
  width,
  height,
  depthOrLayers: 1,
  mipLevels: 1,
  ...extra,
});

describe('levelUploads', () => {
  it('puts each mip level after the previous one, rows unpadded', () => {
    const ups = levelUploads(shape('rgba8unorm', 5, 3, { mipLevels: 3 }));
    expect(ups.map((u) => u.size)).toEqual([
      [5, 3, 1],
      [2, 1, 1],
      [1, 1, 1],
    ]);
    expect(ups.map((u) => u.offset)).toEqual([0, 60, 68]);
    expect(ups.map((u) => u.bytesPerRow)).toEqual([20, 8, 4]);
  });

  it('uploads every layer of a 2d-array level in one call', () => {
    const [up] = levelUploads(shape('r32float', 4, 2, { dimension: '2d-array', depthOrLayers: 3 }));
    expect(up).toEqual({ mipLevel: 0, offset: 0, bytesPerRow: 16, rowsPerImage: 2, size: [4, 2, 3] });
  });
});

describe('readback', () => {
  it('pads rows to 256 bytes and strips the padding back to the daemon layout', () => {
    const t = shape('rgba8unorm', 3, 2, { dimension: '2d-array', depthOrLayers: 2 });
    const layout = readbackLayout(t);
    expect(layout).toMatchObject({ bytesPerRow: 256, paddedBytes: 256 * 4, dataBytes: 12 * 4 });
    const padded = new Uint8Array(layout.paddedBytes).fill(0xee);
    for (let row = 0; row < 4; row++) for (let i = 0; i < 12; i++) padded[row * 256 + i] = row * 12 + i;
    expect([...stripRowPadding(padded, t)]).toEqual(Array.from({ length: 48 }, (_, i) => i));
  });

  it('keeps rows that are already a multiple of 256 as they are', () => {
    expect(readbackLayout(shape('rgba8unorm', 64, 2)).bytesPerRow).toBe(256);
    expect(readbackLayout(shape('rgba32float', 17, 1)).bytesPerRow).toBe(512);
  });
});

describe('binding layouts', () => {
  it('derives the sample type from the format', () => {
    expect(sampleTypeOf(shape('rgba8unorm', 1, 1))).toBe('float');
    expect(sampleTypeOf(shape('r32float', 1, 1))).toBe('unfilterable-float');
    expect(sampleTypeOf(shape('rgba8sint', 1, 1))).toBe('sint');
    expect(sampleTypeOf(shape('r32uint', 1, 1))).toBe('uint');
    expect(sampleTypeOf(shape('depth32float', 1, 1))).toBe('depth');
    expect(sampleTypeOf(shape('depth16unorm', 1, 1))).toBe('depth');
  });

  it('binds a sampler with any linear filter as filtering', () => {
    const nearest = {
      magFilter: 'nearest',
      minFilter: 'nearest',
      mipmapFilter: 'nearest',
      addressModeU: 'clamp-to-edge',
      addressModeV: 'clamp-to-edge',
      addressModeW: 'clamp-to-edge',
    } as const;
    expect(samplerBindingType(nearest)).toBe('non-filtering');
    expect(samplerBindingType({ ...nearest, mipmapFilter: 'linear' })).toBe('filtering');
  });

  it('binds a sampler with a compare function as comparison, and gives WebGPU its compare', () => {
    const less = {
      magFilter: 'linear',
      minFilter: 'nearest',
      mipmapFilter: 'nearest',
      addressModeU: 'clamp-to-edge',
      addressModeV: 'repeat',
      addressModeW: 'clamp-to-edge',
      compare: 'less',
    } as const;
    expect(samplerBindingType(less)).toBe('comparison');
    expect(samplerDescriptor(less, 'c')).toMatchObject({ compare: 'less', magFilter: 'linear' });
    expect(samplerDescriptor({ ...less, compare: undefined }, 'c')).not.toHaveProperty('compare');
  });

  it('maps accesses and view dimensions', () => {
    expect(storageAccessOf('read-write')).toBe('read-write');
    expect(storageAccessOf('read_write')).toBe('read-write');
    expect(storageAccessOf('write')).toBe('write-only');
    expect(viewDimensionFor('2d', '2d-array')).toBe('2d-array');
    expect(viewDimensionFor('3d', undefined)).toBe('3d');
  });
});
