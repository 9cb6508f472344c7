/**
 * Device limits a workload needs. A device gets the spec's default limits unless it asks for more
 * (WebGPU spec §3.6.2 "Limits"); asking for more than the adapter supports fails requestDevice, so
 * we compute what the workload needs, check it against the adapter, and ask for exactly that.
 */
import { passesOf, type Workload } from '../../core/workload';
import { WebGpuError } from './errors';
import type { BindingPlan } from './plan';

export type LimitValues = Record<string, number>;

/**
 * Limits that depend on the shader's code (workgroup size, workgroup memory). The runner does not
 * parse WGSL, so it asks for the adapter's maximum of these: the device then accepts every shader
 * the adapter could run. Raising a limit costs nothing unless a shader uses it.
 */
const SHADER_LIMITS = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
] as const;

/** Limits shown with the device: the ones that matter to compute work. */
export const COMPUTE_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxUniformBufferBindingSize',
  'maxStorageBuffersPerShaderStage',
  'maxUniformBuffersPerShaderStage',
  'maxBindGroups',
  'maxComputeWorkgroupsPerDimension',
  ...SHADER_LIMITS,
  'minStorageBufferOffsetAlignment',
  'minUniformBufferOffsetAlignment',
  'subgroupMinSize',
  'subgroupMaxSize',
] as const;

/** Reads a limit from a GPUSupportedLimits-like object (its members are getters, not own keys). */
export function readLimit(limits: unknown, name: string): number | undefined {
  const v = (limits as Record<string, unknown>)[name];
  return typeof v === 'number' ? v : undefined;
}

export function pickLimits(limits: unknown, names: readonly string[] = COMPUTE_LIMITS): LimitValues {
  const out: LimitValues = {};
  for (const n of names) {
    const v = readLimit(limits, n);
    if (v !== undefined) out[n] = v;
  }
  return out;
}

/** What this workload's buffers, bindings and dispatches need (before comparing with any adapter). */
export function workloadLimits(workload: Workload, plan: BindingPlan): LimitValues {
  const storage = plan.buffers.filter((b) => b.kind !== 'uniform');
  const uniform = plan.buffers.filter((b) => b.kind === 'uniform');
  const dispatchMax = Math.max(...passesOf(workload).flatMap((p) => p.dispatch));
  const slots = [...plan.buffers, ...plan.textures, ...plan.samplers];
  return {
    maxBufferSize: Math.max(0, ...plan.buffers.map((b) => b.size)),
    maxStorageBufferBindingSize: Math.max(0, ...storage.map((b) => b.size)),
    maxUniformBufferBindingSize: Math.max(0, ...uniform.map((b) => b.size)),
    // The runner's pipeline layout declares every binding of the workload to every entry point.
    maxStorageBuffersPerShaderStage: storage.length,
    maxUniformBuffersPerShaderStage: uniform.length,
    maxBindGroups: Math.max(0, ...slots.map((b) => b.group + 1)),
    maxBindingsPerBindGroup: Math.max(0, ...slots.map((b) => b.binding + 1)),
    maxComputeWorkgroupsPerDimension: dispatchMax,
    ...(slots.length > plan.buffers.length ? textureLimits(plan) : {}),
  };
}

/** Textures and samplers (WebGPU §3.6.2): counts per stage, and sizes by dimension. */
function textureLimits(plan: BindingPlan): LimitValues {
  const shapes = plan.textures.map((t) => t.shape);
  const widest = (dims: string[], axes: (s: (typeof shapes)[number]) => number[]) =>
    Math.max(0, ...shapes.filter((s) => dims.includes(s.dimension)).flatMap(axes));
  return {
    maxSampledTexturesPerShaderStage: plan.textures.filter((t) => t.kind === 'texture').length,
    maxStorageTexturesPerShaderStage: plan.textures.filter((t) => t.kind === 'storage-texture').length,
    maxSamplersPerShaderStage: plan.samplers.length,
    maxTextureDimension1D: widest(['1d'], (s) => [s.width]),
    maxTextureDimension2D: widest(['2d', '2d-array', 'cube', 'cube-array'], (s) => [s.width, s.height]),
    maxTextureDimension3D: widest(['3d'], (s) => [s.width, s.height, s.depthOrLayers]),
    maxTextureArrayLayers: widest(['2d-array', 'cube', 'cube-array'], (s) => [s.depthOrLayers]),
  };
}

/** The requiredLimits for requestDevice; throws 'limit' when the adapter cannot meet the workload. */
export function limitsToRequest(workload: Workload, plan: BindingPlan, adapterLimits: unknown): LimitValues {
  const request: LimitValues = {};
  for (const [name, needed] of Object.entries(workloadLimits(workload, plan))) {
    const max = readLimit(adapterLimits, name);
    if (max === undefined) continue; // a limit this browser does not know: nothing to raise
    if (needed > max) throw limitError(name, needed, max);
    request[name] = needed;
  }
  for (const name of SHADER_LIMITS) {
    const max = readLimit(adapterLimits, name);
    if (max !== undefined) request[name] = max;
  }
  return request;
}

/** For a device the caller created: its limits cannot be raised any more, only checked. */
export function checkDeviceLimits(workload: Workload, plan: BindingPlan, deviceLimits: unknown): void {
  for (const [name, needed] of Object.entries(workloadLimits(workload, plan))) {
    const max = readLimit(deviceLimits, name);
    if (max !== undefined && needed > max) throw limitError(name, needed, max);
  }
}

function limitError(name: string, needed: number, max: number): WebGpuError {
  return new WebGpuError(
    'limit',
    `the workload needs ${name} = ${needed}, but this GPU allows at most ${max}`,
  );
}
