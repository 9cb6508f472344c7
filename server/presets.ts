/**
 * The kernel presets for the page, from the kernel library (shaders/index.ts, generated from the
 * shaders/<id>/ folders). The page renders on the server, so the list lives in shaders/ alone and
 * reaches the browser as props: without the pictures texture presets ship with (core/preset-pictures.ts),
 * which the page fetches from `pictures[i].url` (app/api/presets/[id]/pictures/[name]) when that preset
 * is chosen, so the first load does not carry every picture's texels.
 */

import { ownEntry } from '../core/named';
import type { ParamSpec, PresetCategory, Preset as PresetTemplate } from '../core/preset';
import { splitPresetPictures } from '../core/preset-pictures';
import { CATEGORY_TITLES, getPreset, PRESETS } from '../shaders/index';

export interface PagePreset {
  /** Folder name under shaders/. */
  id: string;
  title: string;
  summary: string;
  category: PresetCategory;
  categoryTitle: string;
  params: Record<string, ParamSpec>;
  /**
   * The preset.json: its workload template is resolved in the browser as parameters change. Texture
   * bindings named in `pictures` have no `init` here until the page has put their texels back.
   */
  template: PresetTemplate;
  wgsl: string;
  /** Texture bindings whose texels (rgba8, rows top to bottom, raw bytes) are fetched from `url`. */
  pictures: { binding: string; url: string }[];
}

/** The spine's kernels come first (the page opens on the first one). */
const FIRST = ['saxpy', 'reduce-workgroup'];

function rank(id: string): number {
  const i = FIRST.indexOf(id);
  return i === -1 ? FIRST.length : i;
}

function presetPictureUrl(id: string, binding: string): string {
  return `/api/presets/${encodeURIComponent(id)}/pictures/${encodeURIComponent(binding)}`;
}

export function loadPresets(): PagePreset[] {
  return PRESETS.map((p) => {
    const { preset, pictures } = splitPresetPictures(p.preset);
    return {
      id: p.id,
      title: p.title,
      summary: p.summary,
      category: p.category,
      categoryTitle: CATEGORY_TITLES[p.category],
      params: p.params,
      template: preset,
      wgsl: p.wgsl,
      pictures: Object.keys(pictures).map((binding) => ({ binding, url: presetPictureUrl(p.id, binding) })),
    };
  }).sort((a, b) => rank(a.id) - rank(b.id));
}

/** Every preset picture as `{id, binding}`: the picture route's pages, rendered at build time. */
export function presetPictureKeys(): { id: string; binding: string }[] {
  return PRESETS.flatMap((p) =>
    Object.keys(splitPresetPictures(p.preset).pictures).map((binding) => ({ id: p.id, binding })),
  );
}

/** The texels of preset `id`'s picture for `binding`; undefined when it ships none. */
export function presetPicture(id: string, binding: string): Uint8Array<ArrayBuffer> | undefined {
  const p = getPreset(id);
  const base64 = p && ownEntry(splitPresetPictures(p.preset).pictures, binding);
  return base64 === undefined || base64 === '' ? undefined : new Uint8Array(Buffer.from(base64, 'base64'));
}
