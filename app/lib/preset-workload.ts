/** A library preset at given parameter values, as the page's two texts (WGSL and workload JSON). */
import { defaultParams, PresetError, resolvePreset } from '../../core/preset';
import type { Workload } from '../../core/workload';
import type { PagePreset } from '../../server/presets';
import { stringifyWire } from '../../server/share/wire';
import { formatWorkloadJson, parseDraft } from './workload-draft';

export type PresetResolution =
  | { ok: true; workloadJson: string }
  | { ok: false; path: string; message: string };

export function presetDefaults(preset: PagePreset): Record<string, number> {
  return defaultParams(preset);
}

export function resolvePresetJson(preset: PagePreset, params: Record<string, number>): PresetResolution {
  try {
    const { wgsl: _wgsl, ...workload } = resolvePreset(preset.template, preset.wgsl, params);
    return { ok: true, workloadJson: formatWorkloadJson(workload) };
  } catch (e) {
    if (e instanceof PresetError) return { ok: false, path: e.path, message: e.message };
    return { ok: false, path: '(preset)', message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The library preset a loaded workload (code link, import) is, at its default values: its kernel and
 * its whole workload must be the preset's, so the parameter bar can edit it without surprises. Null
 * for anything else (other values, edits, another kernel): the page shows it as a custom kernel.
 */
export function presetOfWorkload(presets: PagePreset[], w: Workload): PagePreset | null {
  const wire = stringifyWire(w);
  for (const p of presets) {
    if (p.wgsl !== w.wgsl) continue;
    const r = resolvePresetJson(p, presetDefaults(p));
    const d = r.ok ? parseDraft(p.wgsl, r.workloadJson) : null;
    if (d?.ok && stringifyWire(d.workload) === wire) return p;
  }
  return null;
}
