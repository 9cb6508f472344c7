/**
 * The kernel presets for the page, from the kernel library (shaders/index.ts, generated from the
 * shaders/<id>/ folders). The page renders on the server (at build time: it is static), so the list
 * lives in shaders/ alone and reaches the browser as props.
 */
import type { ParamSpec, PresetCategory, Preset as PresetTemplate } from '../core/preset';
import { CATEGORY_TITLES, PRESETS } from '../shaders/index';

export interface PagePreset {
  /** Folder name under shaders/. */
  id: string;
  title: string;
  summary: string;
  category: PresetCategory;
  categoryTitle: string;
  params: Record<string, ParamSpec>;
  /** The preset.json: its workload template is resolved in the browser as parameters change. */
  template: PresetTemplate;
  wgsl: string;
}

/** The spine's kernels come first (the page opens on the first one). */
const FIRST = ['saxpy', 'reduce-workgroup'];

function rank(id: string): number {
  const i = FIRST.indexOf(id);
  return i === -1 ? FIRST.length : i;
}

export function loadPresets(): PagePreset[] {
  return PRESETS.map((p) => ({
    id: p.id,
    title: p.title,
    summary: p.summary,
    category: p.category,
    categoryTitle: CATEGORY_TITLES[p.category],
    params: p.params,
    template: p.preset,
    wgsl: p.wgsl,
  })).sort((a, b) => rank(a.id) - rank(b.id));
}
