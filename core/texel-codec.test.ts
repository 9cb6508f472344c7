import { describe, expect, it } from 'vitest';
import { decodeTexel, decodeTexels, encodeTexel, readComponent, writeComponent } from './texel-codec';
import { textureFormat } from './texture-formats';

const fmt = (name: string) => textureFormat(name)!;
const viewOf = (bytes: number[]) => new DataView(new Uint8Array(bytes).buffer);

describe('texel codec', () => {
  it('decodes unorm8 as v/255 and snorm8 as max(v/127, -1)', () => {
    expect(decodeTexel(fmt('rgba8unorm'), viewOf([0, 51, 255, 128]), 0)).toEqual([0, 0.2, 1, 128 / 255]);
    // -128 and -127 both read as -1 (WebGPU §26.1, Vulkan §3.9.1).
    expect(decodeTexel(fmt('rgba8snorm'), viewOf([0x80, 0x81, 127, 0]), 0)).toEqual([-1, -1, 1, 0]);
  });

  it('swizzles bgra to rgba and decodes sRGB colour channels, not alpha', () => {
    expect(decodeTexel(fmt('bgra8unorm'), viewOf([255, 0, 51, 102]), 0)).toEqual([0.2, 0, 1, 0.4]);
    const [r, g, b, a] = decodeTexel(fmt('rgba8unorm-srgb'), viewOf([255, 0, 10, 51]), 0);
    expect([r, g, a]).toEqual([1, 0, 0.2]);
    expect(b).toBeCloseTo(10 / 255 / 12.92, 12); // below 0.04045: the linear segment
  });

  it('decodes f16, integers and 32-bit floats as stored', () => {
    // 0x3c00 = 1.0, 0xc000 = -2.0 in binary16.
    expect(decodeTexel(fmt('rg16float'), viewOf([0x00, 0x3c, 0x00, 0xc0]), 0)).toEqual([1, -2]);
    expect(decodeTexel(fmt('rg8sint'), viewOf([0xff, 5]), 0)).toEqual([-1, 5]);
    expect(decodeTexel(fmt('r32uint'), viewOf([0xff, 0xff, 0xff, 0xff]), 0)).toEqual([4294967295]);
    expect(decodeTexel(fmt('r32float'), viewOf([0, 0, 0xc0, 0x3f]), 0)).toEqual([1.5]);
  });

  it('unpacks rgb10a2, rg11b10ufloat and rgb9e5ufloat', () => {
    // r = 1023, g = 0, b = 512, a = 1: bits 0-9, 10-19, 20-29, 30-31.
    const word = 1023 + 512 * 2 ** 20 + 2 ** 30;
    const le = (w: number) => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24];
    expect(decodeTexel(fmt('rgb10a2unorm'), viewOf(le(word)), 0)).toEqual([1, 0, 512 / 1023, 1 / 3]);
    expect(decodeTexel(fmt('rgb10a2uint'), viewOf(le(word)), 0)).toEqual([1023, 0, 512, 1]);
    // rg11b10: r = exponent 15, mantissa 0 → 1.0 (15 << 6); g = exponent 16, mantissa 32 → 3.0;
    // b (10 bits) = exponent 14, mantissa 0 → 0.5 (14 << 5).
    const small = (15 << 6) + ((16 << 6) + 32) * 2 ** 11 + (14 << 5) * 2 ** 22;
    expect(decodeTexel(fmt('rg11b10ufloat'), viewOf(le(small)), 0)).toEqual([1, 3, 0.5]);
    // rgb9e5: mantissas 256, 1, 0 with exponent 16: m × 2^(16 − 24).
    const e5 = 256 + 1 * 2 ** 9 + 16 * 2 ** 27;
    expect(decodeTexel(fmt('rgb9e5ufloat'), viewOf(le(e5)), 0)).toEqual([1, 2 ** -8, 0]);
  });

  it('encodes as textureStore converts: clamp, scale, round; bgra stored blue first', () => {
    const out = new DataView(new ArrayBuffer(4));
    encodeTexel(fmt('rgba8unorm'), [0.5, -3, 2, 0.2], out, 0);
    // 0.5 × 255 = 127.5 rounds to 128 (even); 0.2 × 255 = 51.
    expect([...new Uint8Array(out.buffer)]).toEqual([128, 0, 255, 51]);
    encodeTexel(fmt('bgra8unorm'), [1, 0, 0.2, 1], out, 0);
    expect([...new Uint8Array(out.buffer)]).toEqual([51, 0, 255, 255]);
    encodeTexel(fmt('rgba8snorm'), [-1.5, 0.5, -0.5, 0], out, 0);
    // ±0.5 × 127 = ±63.5: ties to even, 64 and -64; -1.5 clamps to -1 → -127 (0x81).
    expect([...new Int8Array(out.buffer)]).toEqual([-127, 64, -64, 0]);
    encodeTexel(fmt('rgba8uint'), [256 + 7, 1, 2, 3], out, 0);
    expect([...new Uint8Array(out.buffer)]).toEqual([7, 1, 2, 3]); // low 8 bits kept
    const h = new DataView(new ArrayBuffer(8));
    encodeTexel(fmt('rgba16float'), [1, -2, 0.5, 65504], h, 0);
    expect(decodeTexel(fmt('rgba16float'), h, 0)).toEqual([1, -2, 0.5, 65504]);
    expect(() => encodeTexel(fmt('rgb9e5ufloat'), [1, 1, 1], h, 0)).toThrow(/not supported/);
  });

  it('writes packed bit fields without disturbing the others', () => {
    const v = new DataView(new ArrayBuffer(4));
    const f = fmt('rgb10a2uint');
    [5, 1023, 7, 3].forEach((x, c) => {
      writeComponent(v, 0, f, c, x);
    });
    writeComponent(v, 0, f, 1, 9);
    expect([0, 1, 2, 3].map((c) => readComponent(v, 0, f, c))).toEqual([5, 9, 7, 3]);
  });

  it('decodes a run of texels channel after channel', () => {
    expect([...decodeTexels(fmt('rg8unorm'), new Uint8Array([0, 255, 51, 102]))]).toEqual([0, 1, 0.2, 0.4]);
  });
});
