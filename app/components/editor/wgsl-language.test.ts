import { StringStream } from '@codemirror/language';
import { describe, expect, it } from 'vitest';
import { wgslParser } from './wgsl-language';

/** Token styles of each line, as [text, style] pairs (whitespace skipped). */
function tokens(source: string): [string, string | null][] {
  const state = wgslParser.startState!(2);
  const out: [string, string | null][] = [];
  for (const line of source.split('\n')) {
    const stream = new StringStream(line, 2, 2);
    while (!stream.eol()) {
      const style = wgslParser.token(stream, state);
      const text = stream.current();
      if (text.trim()) out.push([text, style]);
      stream.start = stream.pos;
    }
  }
  return out;
}

describe('WGSL highlighter', () => {
  it('styles keywords, types, attributes, builtins and numbers', () => {
    const t = tokens(
      '@compute @workgroup_size(64) fn main() { let x: f32 = max(1.5f, 0x10u); workgroupBarrier(); }',
    );
    expect(t).toContainEqual(['@compute', 'meta']);
    expect(t).toContainEqual(['fn', 'keyword']);
    expect(t).toContainEqual(['main', 'variableName.function']);
    expect(t).toContainEqual(['f32', 'typeName']);
    expect(t).toContainEqual(['max', 'variableName.standard']);
    expect(t).toContainEqual(['1.5f', 'number']);
    expect(t).toContainEqual(['0x10u', 'number']);
    expect(t).toContainEqual(['workgroupBarrier', 'variableName.standard']);
  });

  it('keeps nested block comments open across lines', () => {
    const t = tokens('/* a /* b */ still\ncomment */ var<workgroup> s: array<u32, 4>;');
    expect(t.slice(0, 2).every(([, style]) => style === 'blockComment')).toBe(true);
    expect(t).toContainEqual(['var', 'keyword']);
    expect(t).toContainEqual(['workgroup', 'modifier']);
  });
});
