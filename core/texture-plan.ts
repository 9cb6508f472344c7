/**
 * The run plan's part for textures, storage textures and samplers (docs/contracts.md §4): a workload
 * binding checked against what the WGSL declares (the translator's `resource`, core/texture-formats.ts
 * ResourceInfo), as WebGPU checks a bind group against a pipeline layout (WebGPU §8.1
 * "GPUBindGroupLayout" binding compatibility), and the slot it becomes. The browser's plan
 * (app/gpu/plan.ts) uses the same checks.
 */
import { samplerStateOf, textureShapeOf, wgslAccess } from './texture-binding';
import {
  CUBE_FACES,
  encodeSampler,
  type ResourceInfo,
  SAMPLER_BYTES,
  type SampledKind,
  STORAGE_TEXTURE_FORMATS,
  TEXTURE_FORMATS,
  TEXTURE_HEADER_BYTES,
  type TextureShape,
  texelBytesOf,
  textureFormat,
  textureSlotBytes,
} from './texture-formats';
import type { Binding, WorkloadIssue } from './workload';

/** What a texture-kind binding becomes: its slot's shape (textures) or bytes (samplers). */
export type TextureSlot =
  | { kind: 'texture' | 'storage-texture'; shape: TextureShape; bytes: number }
  | { kind: 'sampler'; data: Uint8Array; bytes: number };

const SAMPLED_NAME: Record<SampledKind, string> = {
  f32: 'float',
  i32: 'signed integer',
  u32: 'unsigned integer',
};

/** The WGSL type in words: texture_2d<f32>, texture_storage_2d<rgba8unorm, write>, sampler. */
export function describeResource(r: ResourceInfo): string {
  const dim = (d: string) => d.replace('-', '_');
  if (r.kind === 'texture')
    return r.depth ? `texture_depth_${dim(r.dimension)}` : `texture_${dim(r.dimension)}<${r.sampled}>`;
  if (r.kind === 'storage-texture') return `texture_storage_${dim(r.dimension)}<${r.format}, ${r.access}>`;
  return r.comparison ? 'sampler_comparison' : 'sampler';
}

/**
 * Checks workload binding `b` (at index `i`) against the WGSL's `resource` and returns its slot, or
 * the issues, each naming the binding's field.
 */
export function planTextureSlot(
  b: Binding,
  i: number,
  resource: ResourceInfo,
): { ok: true; slot: TextureSlot } | { ok: false; issues: WorkloadIssue[] } {
  const at = (field: string) => `bindings[${i}].${field}`;
  const wgsl = describeResource(resource);
  const fail = (field: string, message: string) => ({
    ok: false as const,
    issues: [{ path: at(field), message: `the WGSL declares "${b.name}" as ${wgsl}; ${message}` }],
  });
  if (b.kind !== resource.kind) return fail('kind', `the workload says ${b.kind}`);

  if (resource.kind === 'sampler') {
    // WebGPU §8.1.1: a "comparison" sampler binding takes only a sampler with a compare function, and
    // the others only one without.
    if (resource.comparison && !b.sampler?.compare)
      return fail('sampler', 'give the sampler a `compare` function ("less", "greater-equal", ...)');
    if (!resource.comparison && b.sampler?.compare)
      return fail('sampler.compare', 'only a sampler_comparison takes a `compare` function');
    return {
      ok: true,
      slot: { kind: 'sampler', data: encodeSampler(samplerStateOf(b.sampler)), bytes: SAMPLER_BYTES },
    };
  }

  let shape = textureShapeOf(b);
  if (shape.dimension !== resource.dimension) {
    // WebGPU allows a 2d-array view of a 2d texture (one layer): texture_2d_array over a [w, h] texture.
    if (shape.dimension === '2d' && resource.dimension === '2d-array')
      shape = { ...shape, dimension: '2d-array' };
    else return fail('dimension', `the workload's texture is ${shape.dimension}`);
  }
  const format = shape.format;
  if (resource.kind === 'texture') {
    // A texture_depth_* takes a depth format and the others none (WebGPU §8.1.1 sample type "depth").
    if (resource.depth && !format.depth)
      return fail('format', `"${format.name}" is not a depth format (depth16unorm, depth32float)`);
    if (!resource.depth && format.depth)
      return fail('format', `"${format.name}" is a depth format: declare the texture as texture_depth_*`);
    if (format.sampled !== resource.sampled) {
      const fit = TEXTURE_FORMATS.filter((f) => f.sampled === resource.sampled).map((f) => f.name);
      return fail(
        'format',
        `"${format.name}" reads as ${format.sampled}, and it needs a ${SAMPLED_NAME[resource.sampled]} format (${fit.slice(0, 6).join(', ')}, ...)`,
      );
    }
  } else {
    if (format.name !== resource.format)
      return fail('format', `the workload's format is "${format.name}" (a storage texture's must be equal)`);
    if (b.access && wgslAccess(b.access) !== resource.access)
      return fail('access', `the workload's access is "${b.access}" (a storage texture's must be equal)`);
  }
  return { ok: true, slot: { kind: resource.kind, shape, bytes: textureSlotBytes(shape) } };
}

/**
 * A slot for a texture or sampler the module declares but the dispatched entry points never use and
 * the workload leaves out: a valid 1-texel texture (or a default sampler), so the entry point's
 * binding check (which reads every handle's header) passes, as WebGPU needs no bind group entry there.
 */
export function placeholderTextureSlot(resource: ResourceInfo): TextureSlot {
  if (resource.kind === 'sampler') {
    const state = samplerStateOf(resource.comparison ? { compare: 'always' } : undefined);
    return { kind: 'sampler', data: encodeSampler(state), bytes: SAMPLER_BYTES };
  }
  const format =
    resource.kind === 'storage-texture'
      ? (textureFormat(resource.format) ?? STORAGE_TEXTURE_FORMATS[0]!)
      : resource.depth
        ? textureFormat('depth32float')!
        : TEXTURE_FORMATS.find((f) => f.sampled === resource.sampled && f.channels === 4)!;
  const cube = resource.kind === 'texture' && resource.dimension.startsWith('cube');
  const shape: TextureShape = {
    format,
    dimension: resource.dimension,
    width: 1,
    height: 1,
    depthOrLayers: cube ? CUBE_FACES : 1,
    mipLevels: 1,
  };
  return { kind: resource.kind, shape, bytes: textureSlotBytes(shape) };
}

/** The part of a storage texture's slot that is its output: the texels after the header. */
export function textureOutputWindow(shape: TextureShape): { offset: number; bytes: number } {
  return { offset: TEXTURE_HEADER_BYTES, bytes: texelBytesOf(shape) };
}

/** A texture-sampler pair of a sampling call, by slot, where the WGSL makes it (compiler/translate.ts). */
export interface SamplingPair {
  texture: number;
  sampler: number;
  line: number;
  col: number;
}

/** Does the sampler filter (WebGPU §8.1.1: a "filtering" GPUSamplerBindingType)? */
export function samplerFilters(b: Binding): boolean {
  const s = samplerStateOf(b.sampler);
  return s.magFilter === 'linear' || s.minFilter === 'linear' || s.mipmapFilter === 'linear';
}

/**
 * WebGPU refuses a compute pipeline whose shader samples a texture that cannot be filtered (an
 * "unfilterable-float", "sint" or "uint" sample type: r32float, rgba32float, the integer formats…)
 * with a filtering sampler (WebGPU §8.1.1 "texture-sampler pairs"; Chrome: "Texture binding … is
 * TextureSampleType::UnfilterableFloat but used statically with a sampler … that's
 * SamplerBindingType::Filtering"). One issue per such pair of the entry point, on the sampler's
 * binding, naming the WGSL call. `bindingAt` finds the workload binding (and its index) of a slot.
 */
export function unfilterableSamplings(
  entryPoint: string,
  pairs: readonly SamplingPair[],
  bindingAt: (slot: number) => { b: Binding; i: number } | undefined,
): WorkloadIssue[] {
  const issues: WorkloadIssue[] = [];
  const seen = new Set<string>();
  for (const p of pairs) {
    const t = bindingAt(p.texture);
    const s = bindingAt(p.sampler);
    if (!t || !s || s.b.kind !== 'sampler' || t.b.kind !== 'texture' || !samplerFilters(s.b)) continue;
    // A comparison sampler is WebGPU's "comparison" binding type, which a depth texture accepts filtering or not.
    if (s.b.sampler?.compare) continue;
    const format = textureFormat(t.b.format ?? '');
    if (!format || format.filterable || seen.has(`${p.texture}:${p.sampler}`)) continue;
    seen.add(`${p.texture}:${p.sampler}`);
    issues.push({
      path: `bindings[${s.i}].sampler`,
      message: `"${s.b.name}" filters linearly, and entry point "${entryPoint}" samples "${t.b.name}" (${format.name}, which cannot be filtered) with it at ${p.line}:${p.col}: WebGPU refuses such a pipeline (WebGPU §8.1.1, texture-sampler pairs); use "filter": "nearest" or textureLoad`,
    });
  }
  return issues;
}
