import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workloadSchema } from '../../core/workload';
import { openShareDb } from '../../server/share/db';
import { ShareStore } from '../../server/share/store';
import { sampleRun } from '../../server/share/testkit/fixture';
import { base64ToBytes } from '../gpu/base64';
import {
  describePicture,
  fitWithinLimits,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  pictureSizeOf,
  targetSizeProblem,
  withPicture,
} from './image-texels';

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

describe('fitWithinLimits', () => {
  it('keeps pictures within the limits as they are', () => {
    expect(fitWithinLimits(384, 384)).toEqual({ width: 384, height: 384 });
    expect(fitWithinLimits(64, 48)).toEqual({ width: 64, height: 48 });
    expect(fitWithinLimits(2048, 72)).toEqual({ width: 2048, height: 72 });
  });

  it('scales bigger ones down to fit, keeping their aspect ratio', () => {
    expect(fitWithinLimits(4096, 4096)).toEqual({ width: 384, height: 384 });
    expect(fitWithinLimits(4096, 1024)).toEqual({ width: 768, height: 192 });
    expect(fitWithinLimits(8000, 20)).toEqual({ width: 2048, height: 5 });
    expect(fitWithinLimits(100_000, 1)).toEqual({ width: 2048, height: 1 });
    for (const [w, h] of [
      [4032, 3024],
      [1024, 600],
      [3000, 7],
      [9999, 9998],
    ] as const) {
      const fit = fitWithinLimits(w, h);
      expect(fit.width * fit.height).toBeLessThanOrEqual(MAX_IMAGE_PIXELS);
      expect(Math.max(fit.width, fit.height)).toBeLessThanOrEqual(MAX_IMAGE_SIDE);
      // The aspect ratio, to the pixel the rounding down may cost.
      expect(Math.abs(fit.height - (fit.width * h) / w)).toBeLessThanOrEqual(1);
    }
  });
});

describe('what the page says', () => {
  it('names the sizes, the scaling and the limits', () => {
    const p = { width: 384, height: 384, rgba: new Uint8Array(0) };
    expect(describePicture('a.png', p, false)).toBe('a.png: 384×384');
    expect(describePicture('big.jpg', { ...p, scaledFrom: { width: 4096, height: 4096 } }, false)).toBe(
      'big.jpg: 4096×4096 scaled down to 384×384 (pictures hold at most 147,456 pixels (e.g. 384×384) and 2048 px a side)',
    );
    expect(describePicture('big.jpg', { ...p, scaledFrom: { width: 4096, height: 4096 } }, true)).toBe(
      "big.jpg: 4096×4096 scaled to the texture's 384×384",
    );
  });

  it('refuses to scale to a texture size over the limits, saying which', () => {
    expect(targetSizeProblem(128, 96)).toBeUndefined();
    expect(targetSizeProblem(512, 512)).toMatch(
      /^the texture is 512×512 px; a picture may have at most 147,456 pixels/,
    );
    expect(targetSizeProblem(4096, 4)).toMatch(/2048 px a side/);
  });

  it("reads a 2d texture's size, and no other", () => {
    expect(pictureSizeOf({ kind: 'texture', size: [128, 96] })).toEqual({ width: 128, height: 96 });
    expect(pictureSizeOf({ kind: 'texture', size: [128, 96, 1] })).toEqual({ width: 128, height: 96 });
    expect(pictureSizeOf({ kind: 'texture', size: [8, 8, 4] })).toBeUndefined();
    expect(pictureSizeOf({ kind: 'texture', size: [8, 8], dimension: '3d' })).toBeUndefined();
    expect(pictureSizeOf({ kind: 'texture', size: ['8', 8] })).toBeUndefined();
    expect(pictureSizeOf({ kind: 'texture' })).toBeUndefined();
  });
});

describe('the picture limit', () => {
  /** A shared run whose workload holds a w×h picture of incompressible texels. */
  function runWithPicture(w: number, h: number) {
    const run = sampleRun(3);
    const rgba = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 2654435761) >>> 24);
    const src = withPicture(
      { group: 0, binding: 1, name: 'src', kind: 'texture', format: 'rgba8unorm' },
      { width: w, height: h, rgba },
    );
    return { ...run, workload: { ...run.workload, bindings: [...run.workload.bindings, src] } };
  }

  it('keeps a run with the largest picture shareable, which 512×512 was not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-picture-limit-'));
    try {
      const store = new ShareStore(await openShareDb({ sqlitePath: join(dir, 'share.db') }));
      const side = Math.sqrt(MAX_IMAGE_PIXELS);
      await expect(store.saveRun(runWithPicture(side, side))).resolves.toMatchObject({
        id: expect.any(String),
      });
      await expect(store.saveRun(runWithPicture(512, 512))).rejects.toMatchObject({
        extra: { limit: { name: 'maxRecordBytes' } },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
