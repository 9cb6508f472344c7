/**
 * From WGSL text to compute pipelines: one shader module, its compilation messages (positions kept
 * for the editor), an explicit pipeline layout built from the workload's bindings, and one pipeline
 * per distinct entry point with the workload's override constants.
 *
 * Why an explicit layout rather than layout: 'auto': an 'auto' layout contains only the bindings
 * that entry point statically uses (WebGPU spec §10.1.1 "Default pipeline layout"), so a bind group
 * with all the workload's bindings would fail validation for an entry point that skips one, and
 * multi-pass workloads use different entry points over the same buffers.
 */
import { formatMessages, WebGpuError, type WebGpuMessage } from './errors';
import type { BindingPlan, BufferPlan } from './plan';
import { withValidation } from './scopes';
import { samplerBindingType, sampleTypeOf, storageAccessOf, viewDimensionFor } from './textures';

export interface CompiledWorkload {
  /** Entry point name → pipeline. */
  pipelines: Map<string, GPUComputePipeline>;
  /** Bind group layouts for groups 0…max group (empty groups get an empty layout). */
  groupLayouts: GPUBindGroupLayout[];
}

const BUFFER_TYPE: Record<BufferPlan['kind'], GPUBufferBindingType> = {
  uniform: 'uniform',
  'storage-read': 'read-only-storage',
  storage: 'storage',
};

export function toMessages(info: GPUCompilationInfo): WebGpuMessage[] {
  return info.messages.map((m) => ({
    type: m.type,
    message: m.message,
    lineNum: m.lineNum,
    linePos: m.linePos,
    offset: m.offset,
    length: m.length,
  }));
}

/**
 * Group g's layout entries. Textures: sample type from the format, view dimension from the WGSL
 * (or the workload); storage textures: format and access as declared; samplers: 'filtering' when
 * any of their filters is linear (WebGPU §8.1.1 GPUBindGroupLayoutEntry).
 */
function layoutEntries(plan: BindingPlan, g: number): GPUBindGroupLayoutEntry[] {
  const visibility = GPUShaderStage.COMPUTE;
  return [
    ...plan.buffers
      .filter((b) => b.group === g)
      .map((b) => ({ binding: b.binding, visibility, buffer: { type: BUFFER_TYPE[b.kind] } })),
    ...plan.textures
      .filter((t) => t.group === g)
      .map((t): GPUBindGroupLayoutEntry => {
        const viewDimension = viewDimensionFor(t.shape.dimension, t.declaredDimension);
        return t.kind === 'texture'
          ? { binding: t.binding, visibility, texture: { sampleType: sampleTypeOf(t.shape), viewDimension } }
          : {
              binding: t.binding,
              visibility,
              storageTexture: {
                access: storageAccessOf(t.access ?? 'write'),
                format: t.shape.format.name as GPUTextureFormat,
                viewDimension,
              },
            };
      }),
    ...plan.samplers
      .filter((s) => s.group === g)
      .map((s) => ({ binding: s.binding, visibility, sampler: { type: samplerBindingType(s.state) } })),
  ];
}

export async function compileWorkload(
  device: GPUDevice,
  wgsl: string,
  overrides: Record<string, number> | undefined,
  plan: BindingPlan,
): Promise<CompiledWorkload> {
  const module = device.createShaderModule({ code: wgsl });
  const messages = toMessages(await module.getCompilationInfo());
  const errors = messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    throw new WebGpuError('compile', `WGSL does not compile:\n${formatMessages(errors)}`, messages);
  }

  const groupCount = Math.max(
    0,
    ...[...plan.buffers, ...plan.textures, ...plan.samplers].map((b) => b.group + 1),
  );
  const { groupLayouts, layout } = await withValidation(device, 'pipeline layout', () => {
    const groupLayouts: GPUBindGroupLayout[] = [];
    for (let g = 0; g < groupCount; g++) {
      const entries = layoutEntries(plan, g);
      groupLayouts.push(device.createBindGroupLayout({ label: `group ${g}`, entries }));
    }
    return { groupLayouts, layout: device.createPipelineLayout({ bindGroupLayouts: groupLayouts }) };
  });

  const entryPoints = [...new Set(plan.passes.map((p) => p.entryPoint))];
  const pipelines = new Map<string, GPUComputePipeline>();
  await Promise.all(
    entryPoints.map(async (entryPoint) => {
      try {
        const pipeline = await device.createComputePipelineAsync({
          label: entryPoint,
          layout,
          compute: { module, entryPoint, ...(overrides ? { constants: overrides } : {}) },
        });
        pipelines.set(entryPoint, pipeline);
      } catch (e) {
        // GPUPipelineError (WebGPU spec §10.3): the entry point is missing, an override is unknown,
        // or the workload's bindings do not match the shader's declarations.
        throw new WebGpuError(
          'validation',
          `cannot create the pipeline for entry point "${entryPoint}": ${(e as Error).message}`,
          messages,
        );
      }
    }),
  );
  return { pipelines, groupLayouts };
}
