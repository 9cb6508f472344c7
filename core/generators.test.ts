import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { f16BitsToF32, f32ToF16Bits } from './f16';
import { generate, mulberry32 } from './generators';

const f32s = (b: Uint8Array) => Array.from(new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4));

describe('generators', () => {
  it('iota and fill produce the stated values', () => {
    expect(f32s(generate('f32', 4, { iota: { start: 1, step: 0.5 } }))).toEqual([1, 1.5, 2, 2.5]);
    expect(Array.from(new Int32Array(generate('i32', 3, { fill: -7 }).buffer))).toEqual([-7, -7, -7]);
    expect(generate('u32', 5, 'zeros').every((b) => b === 0)).toBe(true);
  });

  it('random is reproducible for a seed, differs across seeds, and stays in range', () => {
    const a = generate('f32', 1000, { random: { seed: 42, min: -2, max: 3 } });
    const b = generate('f32', 1000, { random: { seed: 42, min: -2, max: 3 } });
    const c = generate('f32', 1000, { random: { seed: 43, min: -2, max: 3 } });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const v of f32s(a)) expect(v >= -2 && v <= 3).toBe(true);
    const ints = new Int32Array(generate('i32', 1000, { random: { seed: 1, min: -3, max: 3 } }).buffer);
    expect(new Set(ints)).toEqual(new Set([-3, -2, -1, 0, 1, 2, 3]));
  });

  it('mulberry32 matches its published first output and pins the bit stream both sides share', () => {
    const next = mulberry32(1);
    // The reference implementation's first value for seed 1 is 0.6270739405881613 (× 2^32 here).
    expect(next() / 4294967296).toBe(0.6270739405881613);
    expect([next(), next()]).toEqual([11749833, 2265367787]);
  });

  it('data and base64 copy exactly, and data may be shorter than length', () => {
    expect(Array.from(new Uint32Array(generate('u32', 4, { data: [1, 2] }).buffer))).toEqual([1, 2, 0, 0]);
    expect(Array.from(generate('bytes', 3, { base64: 'AQID' }))).toEqual([1, 2, 3]);
  });

  it('f16 conversion round-trips every f16 value and rounds ties to even', () => {
    for (let h = 0; h < 0x10000; h++) {
      const exp = (h >>> 10) & 0x1f;
      const mant = h & 0x3ff;
      if (exp === 0x1f && mant) continue; // NaN payloads are canonicalised
      expect(f32ToF16Bits(f16BitsToF32(h))).toBe(h);
    }
    expect(f32ToF16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie → even (down)
    expect(f32ToF16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (up)
    expect(f32ToF16Bits(70000)).toBe(0x7c00);
  });

  it('f16 conversion is the nearest representable value (property)', () => {
    fc.assert(
      fc.property(fc.float({ min: -60000, max: 60000, noNaN: true }), (x) => {
        const h = f32ToF16Bits(Math.abs(x)); // neighbours by bit pattern are simplest on the positive half
        x = Math.abs(x);
        const y = f16BitsToF32(h);
        const up = f16BitsToF32(h + 1);
        const down = f16BitsToF32(h === 0 ? 0 : h - 1);
        return Math.abs(y - x) <= Math.abs(up - x) && Math.abs(y - x) <= Math.abs(down - x);
      }),
    );
  });
});
