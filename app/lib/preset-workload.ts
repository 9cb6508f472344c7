/** A library preset at given parameter values, as the page's two texts (WGSL and workload JSON). */
import { defaultParams, PresetError, resolvePreset } from '../../core/preset';
import type { PagePreset } from '../../server/presets';
import { formatWorkloadJson } from './workload-draft';

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
