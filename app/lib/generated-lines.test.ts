import { describe, expect, it } from 'vitest';
import { firstGeneratedLineOf, generatedLines } from './generated-lines';

const code = [
  '#define X 1',
  'namespace wgsl {',
  '// wgsl:14 fn main',
  'void main_() {',
  '  // wgsl:15',
  '  int i = 0;',
  '}',
  '}',
].join('\n');

describe('generatedLines', () => {
  it('maps each line to the WGSL line of the nearest marker above it', () => {
    const lines = generatedLines(code);
    expect(lines.map((l) => l.wgslLine)).toEqual([null, null, 14, 14, 15, 15, 15, 15]);
    expect(lines.filter((l) => l.marker).length).toBe(2);
    expect(firstGeneratedLineOf(lines, 15)).toBe(4);
    expect(firstGeneratedLineOf(lines, 99)).toBe(-1);
  });
});
