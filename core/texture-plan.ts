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

/**
 * WebGPU refuses a filtering sampler with an unfilterable texture in one textureSample* call
 * (WebGPU §8.1.1, "unfilterable-float"). Which sampler meets which texture is not known to the plan,
 * so a workload holding both gets a warning rather than a refusal.
 */
export function filteringWarnings(bindings: readonly Binding[]): string[] {
  const linear = bindings.filter((b) => {
    // A comparison sampler filters the comparisons' results, which WebGPU allows on depth textures.
    if (b.kind !== 'sampler' || b.sampler?.compare) return false;
    const s = samplerStateOf(b.sampler);
    return s.magFilter === 'linear' || s.minFilter === 'linear' || s.mipmapFilter === 'linear';
  });
  const unfilterable = bindings.filter(
    (b) =>
      b.kind === 'texture' &&
      textureFormat(b.format ?? '')?.sampled === 'f32' &&
      !textureFormat(b.format ?? '')?.filterable,
  );
  if (!linear.length || !unfilterable.length) return [];
  return [
    `"${linear[0]!.name}" filters linearly and "${unfilterable[0]!.name}" (${unfilterable[0]!.format}) cannot be filtered: WebGPU refuses to sample one with the other (use a nearest sampler or textureLoad)`,
  ];
}
