import { describe, expect, it } from 'vitest';
import { resolvePreset } from '../core/preset';
import { fillPresetPictures } from '../core/preset-pictures';
import { resolveLibraryPreset } from '../shaders/index';
import { loadPresets, presetPicture, presetPictureKeys } from './presets';

const TEXTURE_PRESETS = ['texture-blur', 'texture-resize', 'texture-sobel'];

describe('the presets the page receives', () => {
  const presets = loadPresets();

  it('carry no picture texels: each texture preset names its picture to fetch instead', () => {
    const text = JSON.stringify(presets);
    for (const id of TEXTURE_PRESETS) {
      const texels = Buffer.from(presetPicture(id, 'src')!).toString('base64');
      expect(text).not.toContain(texels.slice(0, 4096));
      expect(presets.find((p) => p.id === id)!.pictures).toEqual([
        { binding: 'src', url: `/api/presets/${id}/pictures/src` },
      ]);
    }
    expect(
      presets
        .filter((p) => p.pictures.length)
        .map((p) => p.id)
        .sort(),
    ).toEqual(TEXTURE_PRESETS);
    expect(presetPictureKeys()).toHaveLength(TEXTURE_PRESETS.length);
  });

  it('resolve, with the served pictures put back, to the very workload the CLI and the server run', () => {
    for (const id of TEXTURE_PRESETS) {
      const p = presets.find((x) => x.id === id)!;
      const pictures = Object.fromEntries(
        p.pictures.map(({ binding }) => [
          binding,
          Buffer.from(presetPicture(id, binding)!).toString('base64'),
        ]),
      );
      expect(resolvePreset(fillPresetPictures(p.template, pictures), p.wgsl, {})).toEqual(
        resolveLibraryPreset(id),
      );
    }
  });

  it('serve no picture for a preset or binding that ships none', () => {
    expect(presetPicture('saxpy', 'x')).toBeUndefined();
    expect(presetPicture('texture-blur', 'dst')).toBeUndefined();
    expect(presetPicture('no-such-preset', 'src')).toBeUndefined();
    expect(presetPicture('texture-blur', '__proto__')).toBeUndefined();
  });
});
