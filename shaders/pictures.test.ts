/**
 * The texture presets' pictures (shaders/<id>/<binding>.png) reach their workloads: the texels both
 * sides upload are the PNG's pixels, decoded by gen-shader-index.mjs into the binding's init. (The
 * preset tests compare each side with a reference that reads the same init, so a broken decode, all
 * zeros say, would pass there; this test reads the PNG itself.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { generateTexels } from '../core/texel-init';
import { textureShapeOf } from '../core/texture-binding';
import { PRESETS, resolveLibraryPreset } from './index';

const withPictures = PRESETS.flatMap((p) =>
  resolveLibraryPreset(p.id)
    .bindings.filter((b) => b.kind === 'texture')
    .map((b) => ({ id: p.id, binding: b, file: new URL(`./${p.id}/${b.name}.png`, import.meta.url) }))
    .filter((x) => existsSync(x.file)),
);

describe('preset pictures', () => {
  it('the three texture presets ship one', () => {
    expect(withPictures.map((x) => x.id).sort()).toEqual(['texture-blur', 'texture-resize', 'texture-sobel']);
  });

  for (const { id, binding, file } of withPictures) {
    it(`${id}: ${binding.name} holds ${binding.name}.png's pixels`, () => {
      const png = decode(readFileSync(file));
      expect(binding.size).toEqual([png.width, png.height]);
      expect(png.channels).toBe(4);
      const texels = generateTexels(textureShapeOf(binding), binding.init);
      expect(Buffer.from(texels).equals(Buffer.from(png.data as Uint8Array))).toBe(true);
      expect(new Set(texels).size).toBeGreaterThan(16); // a picture, not a fill
    });
  }
});
