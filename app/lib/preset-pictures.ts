/**
 * Puts a texture preset's pictures back into its template (core/preset-pictures.ts): the page's
 * presets come without their texels (server/presets.ts), fetched here when the preset is chosen,
 * once per page. A failed fetch is not kept, so choosing the preset again retries it.
 */
import { namedRecord } from '../../core/named';
import { fillPresetPictures, type PresetPictures } from '../../core/preset-pictures';
import type { PagePreset } from '../../server/presets';
import { bytesToBase64 } from '../gpu/base64';

/** Whether the preset still lacks texels it ships with. */
export function needsPictures(p: PagePreset): boolean {
  return p.pictures.length > 0;
}

async function fetchPictures(p: PagePreset): Promise<PagePreset> {
  const pictures: PresetPictures = namedRecord();
  for (const { binding, url } of p.pictures) {
    let res: Response;
    try {
      res = await fetch(url);
    } catch (e) {
      throw new Error(
        `the picture for "${binding}" of ${p.title} could not be fetched: ${(e as Error).message}`,
      );
    }
    if (!res.ok)
      throw new Error(`the picture for "${binding}" of ${p.title} could not be fetched: HTTP ${res.status}`);
    pictures[binding] = bytesToBase64(new Uint8Array(await res.arrayBuffer()));
  }
  return { ...p, template: fillPresetPictures(p.template, pictures), pictures: [] };
}

const loaded = new Map<string, Promise<PagePreset>>();

/** The preset with its pictures in its template (itself when it ships none). */
export function withPictures(p: PagePreset): Promise<PagePreset> {
  if (!needsPictures(p)) return Promise.resolve(p);
  let pending = loaded.get(p.id);
  if (!pending) {
    pending = fetchPictures(p);
    loaded.set(p.id, pending);
    pending.catch(() => loaded.delete(p.id));
  }
  return pending;
}
