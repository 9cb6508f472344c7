import { describe, expect, it } from 'vitest';
import { workloadSchema } from '../../core/workload';
import { base64ToBytes } from '../gpu/base64';
import { MAX_IMAGE_PIXELS, pictureSizeProblem, withPicture } from './image-texels';

describe('withPicture', () => {
  it('sizes the binding to the picture and fills it with its texels as base64', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => i * 7);
    const b = withPicture(
      {
        group: 0,
        binding: 0,
        name: 'src',
        kind: 'texture',
        format: 'r32float',
        size: [9, 9, 2],
        mipLevels: 3,
      },
      { width: 3, height: 2, rgba },
    );
    expect(b).toMatchObject({ format: 'rgba8unorm', size: [3, 2] });
    expect(b.mipLevels).toBeUndefined();
    expect([...base64ToBytes((b.init as { base64: string }).base64)]).toEqual([...rgba]);
    // The result is a valid workload binding, as the page's JSON panel would then hold it.
    const w = workloadSchema.safeParse({
      name: 't',
      wgsl: 'x',
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [
        b,
        { group: 0, binding: 1, name: 'o', kind: 'storage', element: 'u32', length: 1, output: true },
      ],
    });
    expect(w.success, JSON.stringify(w.error?.issues)).toBe(true);
  });

  it('keeps an sRGB format', () => {
    const b = withPicture(
      { kind: 'texture', format: 'rgba8unorm-srgb' },
      { width: 1, height: 1, rgba: new Uint8Array(4) },
    );
    expect(b.format).toBe('rgba8unorm-srgb');
  });
});

describe('pictureSizeProblem', () => {
  it('accepts pictures up to the limit and names the size of bigger ones', () => {
    expect(pictureSizeProblem('a.png', 512, 512)).toBeUndefined();
    expect(512 * 512).toBe(MAX_IMAGE_PIXELS);
    expect(pictureSizeProblem('big.jpg', 1024, 768)).toMatch(/"big\.jpg" is 1024×768 px/);
    expect(pictureSizeProblem('thin.png', 4096, 4)).toMatch(/2048 px per side/);
  });
});
