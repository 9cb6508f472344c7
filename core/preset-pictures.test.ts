import { describe, expect, it } from 'vitest';
import { getPreset } from '../shaders/index';
import type { Preset } from './preset';
import { fillPresetPictures, splitPresetPictures } from './preset-pictures';

const blur = getPreset('texture-blur')!.preset;
const bindings = (p: Preset) => p.workload.bindings as Record<string, unknown>[];

describe('splitPresetPictures / fillPresetPictures', () => {
  it("takes a texture preset's texels out of its template and puts them back unchanged", () => {
    const { preset, pictures } = splitPresetPictures(blur);
    expect(Object.keys(pictures)).toEqual(['src']);
    expect(Buffer.from(pictures.src!, 'base64').byteLength).toBe(128 * 96 * 4);
    const src = bindings(preset).find((b) => b.name === 'src')!;
    expect(src).not.toHaveProperty('init');
    expect(src).toMatchObject({ kind: 'texture', size: [128, 96] });
    // The shipped preset itself is not changed.
    expect(bindings(blur).find((b) => b.name === 'src')).toHaveProperty('init.base64', pictures.src);
    expect(fillPresetPictures(preset, pictures)).toEqual(blur);
  });

  it('leaves presets without pictures, and base64 inits of buffers, as they are', () => {
    const saxpy = getPreset('saxpy')!.preset;
    expect(splitPresetPictures(saxpy)).toEqual({ preset: saxpy, pictures: {} });
    const buffer: Preset = {
      ...saxpy,
      workload: {
        bindings: [{ name: 'x', kind: 'storage', element: 'u32', length: 1, init: { base64: 'AAAAAA==' } }],
      },
    };
    expect(splitPresetPictures(buffer).pictures).toEqual({});
    // Filling names only texture bindings: a picture for a buffer's name is not put into it.
    expect(fillPresetPictures(buffer, { x: 'AQIDBA==' })).toEqual(buffer);
  });
});
