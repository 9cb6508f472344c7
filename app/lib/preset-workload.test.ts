import { describe, expect, it } from 'vitest';
import { loadPresets } from '../../server/presets';
import { presetDefaults, presetOfWorkload, resolvePresetJson } from './preset-workload';
import { parseDraft } from './workload-draft';

const presets = loadPresets();

function workloadOf(id: string, params?: Record<string, number>) {
  const p = presets.find((x) => x.id === id)!;
  const r = resolvePresetJson(p, params ?? presetDefaults(p));
  if (!r.ok) throw new Error(r.message);
  const d = parseDraft(p.wgsl, r.workloadJson);
  if (!d.ok) throw new Error(JSON.stringify(d.issues));
  return d.workload;
}

describe('presetOfWorkload', () => {
  it('finds the preset a code link was made from at its default values', () => {
    expect(presetOfWorkload(presets, workloadOf('mandelbrot'))?.id).toBe('mandelbrot');
  });
  it('gives none for other values or another kernel, rather than the wrong preset', () => {
    expect(presetOfWorkload(presets, workloadOf('mandelbrot', { W: 64, H: 48, ITER: 10 }))).toBeNull();
    const w = workloadOf('saxpy');
    expect(presetOfWorkload(presets, { ...w, wgsl: `// edited\n${w.wgsl}` })).toBeNull();
  });
});
