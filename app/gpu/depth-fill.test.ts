import { describe, expect, it } from 'vitest';
import { textureFormat } from '../../core/texture-formats';
import { depthDraws } from './depth-fill';

describe('depthDraws', () => {
  it('draws every layer of every level, each starting at its texels in the slot (in f32s)', () => {
    const shape = {
      format: textureFormat('depth32float')!,
      dimension: '2d-array' as const,
      width: 4,
      height: 2,
      depthOrLayers: 2,
      mipLevels: 2,
    };
    expect(depthDraws({ shape })).toEqual([
      { mipLevel: 0, layer: 0, width: 4, height: 2, offset: 0 },
      { mipLevel: 0, layer: 1, width: 4, height: 2, offset: 8 },
      { mipLevel: 1, layer: 0, width: 2, height: 1, offset: 16 },
      { mipLevel: 1, layer: 1, width: 2, height: 1, offset: 18 },
    ]);
  });
});
