import { describe, expect, it } from 'vitest';
import { resolveLibraryPreset } from '../../../../../../shaders/index';
import { GET } from './route';

const get = (id: string, binding: string) =>
  GET(new Request(`http://localhost/api/presets/${id}/pictures/${binding}`), {
    params: Promise.resolve({ id, binding }),
  });

describe('GET /api/presets/<id>/pictures/<binding>', () => {
  it("answers the preset picture's raw texels, the bytes its workload's init holds", async () => {
    const res = await get('texture-sobel', 'src');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const src = resolveLibraryPreset('texture-sobel').bindings.find((b) => b.name === 'src')!;
    const init = (src as { init?: { base64?: string } }).init!;
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(init.base64!, 'base64'));
  });

  it('answers 404, saying what is missing, for a preset or binding without a picture', async () => {
    for (const [id, binding] of [
      ['saxpy', 'x'],
      ['texture-sobel', 'dst'],
      ['nope', 'src'],
    ] as const) {
      const res = await get(id, binding);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe(`preset "${id}" ships no picture for the binding "${binding}"\n`);
    }
  });

  it('answers 404 as plain text for hostile ids and bindings: traversal, prototype names, markup (red team)', async () => {
    for (const [id, binding] of [
      ['../../../etc', 'passwd'],
      ['texture-sobel/../../shaders', 'src'],
      ['texture-sobel', '../src'],
      ['texture-sobel', 'src/../../../package.json'],
      ['texture-sobel', '__proto__'],
      ['texture-sobel', 'constructor'],
      ['__proto__', 'src'],
      ['texture-sobel', 'src\u0000'],
      ['<script>alert(1)</script>', '%2e%2e%2f'],
    ] as const) {
      const res = await get(id, binding);
      expect(res.status, `${id} / ${binding}`).toBe(404);
      // Plain text (the app sends nosniff with every answer): a reflected name is never markup.
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    }
  });
});
