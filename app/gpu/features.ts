/**
 * Which optional device features a workload needs. WGSL names language extensions with `enable`
 * directives (WGSL spec §4.1.1); each maps to a WebGPU feature the device must be created with
 * (WebGPU spec §24 "Feature Index"), or createShaderModule reports an error. Storage textures of some
 * formats need one too (bgra8unorm-storage).
 */
import { WebGpuError } from './errors';
import type { BindingPlan } from './plan';

/** `enable` extension → the GPUFeatureName that provides it. */
const EXTENSION_FEATURES: Record<string, GPUFeatureName> = {
  f16: 'shader-f16',
  subgroups: 'subgroups',
};

/** Extensions named by `enable a, b;` directives, ignoring comments. */
export function enabledExtensions(wgsl: string): string[] {
  const code = stripComments(wgsl);
  const out = new Set<string>();
  for (const m of code.matchAll(/\benable\s+([A-Za-z0-9_\s,]+?)\s*;/g)) {
    for (const name of m[1]!.split(',')) if (name.trim()) out.add(name.trim());
  }
  return [...out];
}

/** Removes line comments and (nested) block comments, which could hide or fake an `enable`. */
function stripComments(wgsl: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < wgsl.length; i++) {
    const two = wgsl.slice(i, i + 2);
    if (depth === 0 && two === '//') {
      while (i < wgsl.length && wgsl[i] !== '\n') i++;
      out += '\n';
    } else if (two === '/*') {
      depth++;
      i++;
    } else if (depth > 0 && two === '*/') {
      depth--;
      i++;
    } else if (depth === 0) out += wgsl[i];
  }
  return out;
}

/** Features the shader requires; throws 'feature' naming what the adapter lacks. */
export function requiredFeatures(wgsl: string, available: ReadonlySet<string>): GPUFeatureName[] {
  const needed: GPUFeatureName[] = [];
  for (const ext of enabledExtensions(wgsl)) {
    const feature = EXTENSION_FEATURES[ext];
    if (!feature) continue; // unknown extensions surface as compile errors with a position
    if (!available.has(feature)) {
      throw new WebGpuError(
        'feature',
        `the shader says \`enable ${ext};\` but this GPU adapter does not offer the WebGPU feature '${feature}'`,
      );
    }
    needed.push(feature);
  }
  return needed;
}

/** Everything to request: the shader's needs plus 'timestamp-query' when offered (for kernel timing). */
export function featuresToRequest(wgsl: string, available: ReadonlySet<string>): GPUFeatureName[] {
  const features = requiredFeatures(wgsl, available);
  if (available.has('timestamp-query')) features.push('timestamp-query');
  return features;
}

/**
 * Features the workload's storage textures need (core/texture-formats.ts `storageFeature`:
 * bgra8unorm as a storage texture needs 'bgra8unorm-storage', WebGPU §26.1); throws 'feature'.
 */
export function textureFeatures(plan: BindingPlan, available: ReadonlySet<string>): GPUFeatureName[] {
  const needed = new Set<GPUFeatureName>();
  for (const t of plan.textures) {
    const feature = t.kind === 'storage-texture' ? t.shape.format.storageFeature : undefined;
    if (!feature) continue;
    if (!available.has(feature)) {
      throw new WebGpuError(
        'feature',
        `"${t.name}" is a ${t.shape.format.name} storage texture, which needs the WebGPU feature '${feature}'; this GPU adapter does not offer it`,
      );
    }
    needed.add(feature as GPUFeatureName);
  }
  return [...needed];
}
