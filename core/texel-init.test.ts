import { describe, expect, it } from 'vitest';
import { generate } from './generators';
import { generateTexels, generateTextureSlot } from './texel-init';
import { type TextureShape, textureFormat, textureSlotBytes } from './texture-formats';

const shape = (
  format: string,
  width: number,
  height = 1,
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

describe('texture slot generation', () => {
  it('writes the header words, then the texels at byte 32', () => {
    const s = shape('rgba8unorm', 2, 1);
    const slot = generateTextureSlot(s, { data: [1, 2, 3, 4, 5, 6, 7, 8] });
    expect(slot.byteLength).toBe(textureSlotBytes(s));
    const words = [...new Uint32Array(slot.buffer, 0, 8)];
    // format code of rgba8unorm, width, height, layers, levels, dimension 2d = 2, texel bytes, 0.
    expect(words).toEqual([textureFormat('rgba8unorm')!.code, 2, 1, 1, 1, 2, 4, 0]);
    expect([...slot.subarray(32)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('fills component-wise over every mip level in slot order', () => {
    // 4×2 r16uint with 3 levels: 8 + 2 + 1 texels, iota 0, 1, 2, ...
    const t = generateTexels(shape('r16uint', 4, 2, { mipLevels: 3 }), { iota: { start: 0, step: 1 } });
    expect([...new Uint16Array(t.buffer)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('draws random components from the buffer generator: a seed means the same numbers', () => {
    const init = { random: { seed: 3, min: 0, max: 255 } };
    const texels = generateTexels(shape('rgba8unorm', 4, 4), init);
    expect([...texels]).toEqual([...generate('bytes', 64, init)]);
    const floats = generateTexels(shape('r32float', 8), { random: { seed: 9, min: -1, max: 1 } });
    expect([...new Float32Array(floats.buffer)]).toEqual([
      ...new Float32Array(generate('f32', 8, { random: { seed: 9, min: -1, max: 1 } }).buffer),
    ]);
  });

  it('stores f16 values, snorm integers and packed bit fields', () => {
    expect([...new Uint16Array(generateTexels(shape('r16float', 2), { data: [1, -2] }).buffer)]).toEqual([
      0x3c00, 0xc000,
    ]);
    expect([...new Int8Array(generateTexels(shape('rg8snorm', 1), { data: [-128, 127] }).buffer)]).toEqual([
      -128, 127,
    ]);
    // rgb10a2uint fields r=1, g=2, b=3, a=1 → 1 | 2 << 10 | 3 << 20 | 1 << 30.
    const packed = generateTexels(shape('rgb10a2uint', 1), { data: [1, 2, 3, 1] });
    expect(new DataView(packed.buffer).getUint32(0, true)).toBe(1 + 2 * 1024 + 3 * 2 ** 20 + 2 ** 30);
  });

  it('takes base64 as the raw texels, and leaves the rest zero', () => {
    const t = generateTexels(shape('rgba8uint', 2), { base64: 'AQID' }); // bytes 1, 2, 3
    expect([...t]).toEqual([1, 2, 3, 0, 0, 0, 0, 0]);
  });
});
