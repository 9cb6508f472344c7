/**
 * Getting a GPUDevice fit for one workload: the adapter (high-performance, WebGPU spec §4.2
 * requestAdapter), the features its WGSL enables, timestamp queries when offered, and the limits
 * it needs. Also the device description the page shows next to the numbers.
 */
import type { DeviceInfo } from '../../core/result';
import type { Workload } from '../../core/workload';
import { WebGpuError } from './errors';
import { featuresToRequest, requiredFeatures, textureFeatures } from './features';
import { checkDeviceLimits, limitsToRequest, pickLimits } from './limits';
import type { BindingPlan } from './plan';

/** Features worth showing with the device: the ones that change what a compute shader can do or measure. */
const COMPUTE_FEATURES = [
  'shader-f16',
  'subgroups',
  'timestamp-query',
  'chromium-experimental-timestamp-query-inside-passes',
];

export interface AcquiredDevice {
  device: GPUDevice;
  /** True when the runner created the device and must destroy it afterwards. */
  owned: boolean;
  timestamps: boolean;
  info: DeviceInfo;
}

export async function acquireDevice(
  workload: Workload,
  plan: BindingPlan,
  given?: GPUDevice,
): Promise<AcquiredDevice> {
  if (given) {
    requiredFeatures(workload.wgsl, given.features as ReadonlySet<string>);
    textureFeatures(plan, given.features as ReadonlySet<string>);
    checkDeviceLimits(workload, plan, given.limits);
    return {
      device: given,
      owned: false,
      timestamps: given.features.has('timestamp-query'),
      info: describeDevice(given.adapterInfo, given.limits, given.features),
    };
  }
  const gpu = typeof navigator === 'undefined' ? undefined : navigator.gpu;
  if (!gpu) {
    throw new WebGpuError(
      'unavailable',
      'WebGPU is not available here (navigator.gpu is missing): use a recent Chrome or Edge, or Firefox/Safari with WebGPU enabled, over https or localhost',
    );
  }
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter)
    throw new WebGpuError(
      'unavailable',
      'WebGPU is present but no GPU adapter is available (blocklisted GPU or driver?)',
    );
  const requiredFeaturesList = [
    ...featuresToRequest(workload.wgsl, adapter.features as ReadonlySet<string>),
    ...textureFeatures(plan, adapter.features as ReadonlySet<string>),
  ];
  const requiredLimits = limitsToRequest(workload, plan, adapter.limits);
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ requiredFeatures: requiredFeaturesList, requiredLimits });
  } catch (e) {
    throw new WebGpuError('unavailable', `requestDevice failed: ${(e as Error).message}`);
  }
  return {
    device,
    owned: true,
    timestamps: device.features.has('timestamp-query'),
    // The adapter's limits and features: what this GPU can do, not just what this workload asked for.
    info: describeDevice(adapter.info, adapter.limits, adapter.features),
  };
}

export function describeDevice(
  info: Partial<Pick<GPUAdapterInfo, 'vendor' | 'architecture' | 'device' | 'description'>> | undefined,
  limits: unknown,
  features: ReadonlySet<string>,
): DeviceInfo {
  const vendor = info?.vendor || undefined;
  const architecture = info?.architecture || undefined;
  const description = info?.description || undefined;
  const name = description || [vendor, architecture].filter(Boolean).join(' ') || 'WebGPU adapter';
  const out: DeviceInfo = {
    name,
    limits: pickLimits(limits),
    features: COMPUTE_FEATURES.filter((f) => features.has(f)),
  };
  if (vendor) out.vendor = vendor;
  if (architecture) out.architecture = architecture;
  if (description) out.description = description;
  if (info?.device) out.device = info.device;
  // SwiftShader is Chrome's CPU implementation of Vulkan: real WebGPU, but no GPU behind it.
  if (architecture === 'swiftshader') out.emulation = true;
  return out;
}
