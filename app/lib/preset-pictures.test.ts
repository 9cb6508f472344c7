import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPresets } from '../../server/presets';
import { resolveLibraryPreset } from '../../shaders/index';
import { GET } from '../api/presets/[id]/pictures/[binding]/route';
import { needsPictures, withPictures } from './preset-pictures';
import { presetDefaults, resolvePresetJson } from './preset-workload';
import { parseDraft } from './workload-draft';

/** The page's fetch, answered by the picture route itself (no web server in a unit test). */
function serveRoute(status?: number) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    calls.push(url);
    if (status) return new Response('down', { status });
    const [, id, binding] = /^\/api\/presets\/([^/]+)\/pictures\/([^/]+)$/.exec(url)!;
    return GET(new Request(`http://localhost${url}`), {
      params: Promise.resolve({ id: decodeURIComponent(id!), binding: decodeURIComponent(binding!) }),
    });
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('withPictures', () => {
  it('fetches a texture preset’s picture once, and then it resolves to the workload the CLI runs', async () => {
    const calls = serveRoute();
    const page = loadPresets().find((p) => p.id === 'texture-resize')!;
    expect(needsPictures(page)).toBe(true);
    const full = await withPictures(page);
    expect(needsPictures(full)).toBe(false);
    const r = resolvePresetJson(full, presetDefaults(full));
    const draft = r.ok ? parseDraft(full.wgsl, r.workloadJson) : null;
    expect(draft?.ok && draft.workload).toEqual(resolveLibraryPreset('texture-resize'));
    expect(await withPictures(page)).toBe(full);
    expect(calls).toEqual(['/api/presets/texture-resize/pictures/src']);
  });

  it('says which picture failed, and fetches it again on the next choice', async () => {
    const page = loadPresets().find((p) => p.id === 'texture-sobel')!;
    serveRoute(503);
    await expect(withPictures(page)).rejects.toThrow(
      `the picture for "src" of ${page.title} could not be fetched: HTTP 503`,
    );
    const calls = serveRoute();
    expect(needsPictures(await withPictures(page))).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('passes a preset without pictures through without fetching', async () => {
    const calls = serveRoute();
    const saxpy = loadPresets().find((p) => p.id === 'saxpy')!;
    expect(await withPictures(saxpy)).toBe(saxpy);
    expect(calls).toEqual([]);
  });
});
