/**
 * The kernel library: every preset in shaders/<id>/ (preset.json + WGSL + README.md + reference.ts),
 * in one static list that the page, the server, the CLI and the tests all read.
 *
 * The texts come from index.generated.ts (written by `node scripts/gen-shader-index.mjs`; its
 * `--check` mode fails when a folder changed without regenerating). Resolve a preset to a plain
 * workload with `resolveLibraryPreset(id, { N: 4096 })` or `resolvePreset(entry.preset, entry.wgsl, …)`.
 */
import { type ParamSpec, type Preset, type PresetCategory, parsePreset, resolvePreset } from '../core/preset';
import type { Workload } from '../core/workload';
import { GENERATED_PRESETS } from './index.generated';

export interface LibraryPreset {
  /** Folder name under shaders/ (lowercase, dashes): stable, used in URLs and `duet bench <id>`. */
  id: string;
  title: string;
  /** One sentence for pickers and cards. */
  summary: string;
  category: PresetCategory;
  tags: string[];
  params: Record<string, ParamSpec>;
  /** The whole preset.json, validated. */
  preset: Preset;
  /** The kernel's file name inside the folder (for display and diagnostics). */
  wgslFile: string;
  wgsl: string;
  /** README.md: the teaching note (Markdown). */
  readme: string;
}

export const PRESETS: readonly LibraryPreset[] = GENERATED_PRESETS.map((g) => {
  const preset = parsePreset(g.preset);
  return {
    id: g.id,
    title: preset.title,
    summary: preset.summary,
    category: preset.category,
    tags: preset.tags,
    params: preset.params,
    preset,
    wgslFile: g.wgslFile,
    wgsl: g.wgsl,
    readme: g.readme,
  };
});

export const CATEGORY_TITLES: Readonly<Record<PresetCategory, string>> = {
  basics: 'Basics',
  reduction: 'Reductions and scans',
  memory: 'Memory access patterns',
  'linear-algebra': 'Linear algebra',
  image: 'Images and stencils',
  sorting: 'Sorting',
  simulation: 'Simulation',
  probes: 'Hardware probes',
};

export function getPreset(id: string): LibraryPreset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The preset's workload at `params` (missing ones at their defaults). Throws PresetError. */
export function resolveLibraryPreset(id: string, params: Record<string, number> = {}): Workload {
  const p = getPreset(id);
  if (!p) throw new Error(`no preset "${id}" (known: ${PRESETS.map((x) => x.id).join(', ')})`);
  return resolvePreset(p.preset, p.wgsl, params);
}
