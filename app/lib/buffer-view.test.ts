import { describe, expect, it } from 'vitest';
import { formatFor, formatWord, pageOf, toCsv, wordCount } from './buffer-view';

const bytes = new Uint8Array(new Float32Array([1.5, -2, Number.NaN]).buffer);

describe('buffer view', () => {
  it('reads words in every format', () => {
    expect(formatWord(bytes, 0, 'f32')).toBe('1.5');
    expect(formatWord(bytes, 1, 'hex')).toBe('0xc0000000');
    expect(formatWord(bytes, 1, 'i32')).toBe(String(0xc0000000 | 0));
    expect(formatWord(bytes, 1, 'u32')).toBe(String(0xc0000000));
    expect(formatWord(bytes, 2, 'f32')).toBe('NaN');
  });

  it('pads a short last word and counts it', () => {
    const odd = new Uint8Array([1, 2, 3, 4, 5]);
    expect(wordCount(odd)).toBe(2);
    expect(formatWord(odd, 1, 'u32')).toBe('5');
  });

  it('pages and writes CSV', () => {
    expect(pageOf(130, 64)).toBe(2);
    expect(toCsv(bytes, 'f32')).toBe('index,value\n0,1.5\n1,-2\n2,NaN\n');
  });

  it("opens a buffer in its binding's element type", () => {
    expect(formatFor('u32')).toBe('u32');
    expect(formatFor('i32')).toBe('i32');
    expect(formatFor('f32')).toBe('f32');
    expect(formatFor('f16')).toBe('hex');
    expect(formatFor('bytes')).toBe('hex');
  });
});
