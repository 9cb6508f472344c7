/**
 * Roofline arithmetic: what a kernel achieved (GB/s of device memory traffic, GFLOP/s, from the
 * workload's metrics and the median kernel time) against the roof min(peak FLOP/s, intensity ×
 * peak bandwidth). Peaks come from the device where it says enough, else from the user.
 */
import type { DeviceInfo } from './result';

export interface Achieved {
  /** GB/s of the metrics' bytes over the kernel time; null without bytes. */
  gbs: number | null;
  /** GFLOP/s; null without flops. */
  gflops: number | null;
  /** Flops per byte of memory traffic; null without both. */
  intensity: number | null;
}

export function achieved(
  metrics: { bytes?: number; flops?: number } | undefined,
  kernelMs: number,
): Achieved {
  const s = kernelMs / 1000;
  const per = (v: number | undefined) => (v && v > 0 && s > 0 ? v / s / 1e9 : null);
  const bytes = metrics?.bytes;
  const flops = metrics?.flops;
  return {
    gbs: per(bytes),
    gflops: per(flops),
    intensity: bytes && bytes > 0 && flops && flops > 0 ? flops / bytes : null,
  };
}

export interface Peaks {
  gflops: number;
  gbs: number;
}

/** Attainable GFLOP/s at `intensity` flops/byte under the roof. */
export function roof(intensity: number, peaks: Peaks): number {
  return Math.min(peaks.gflops, intensity * peaks.gbs);
}

/** The intensity where the bandwidth slope meets the compute ceiling. */
export function ridge(peaks: Peaks): number {
  return peaks.gflops / peaks.gbs;
}

/** Achieved GFLOP/s over the roof at its intensity (0…1 on a truthful device); null when unknown. */
export function fractionOfRoof(a: Achieved, peaks: Peaks): number | null {
  if (a.intensity === null || a.gflops === null) return null;
  return a.gflops / roof(a.intensity, peaks);
}

/** Whether the kernel sits left (memory-bound) or right (compute-bound) of the ridge. */
export function boundBy(intensity: number, peaks: Peaks): 'memory' | 'compute' {
  return intensity < ridge(peaks) ? 'memory' : 'compute';
}

/** FP32 lanes per SM by compute capability (NVIDIA's CUDA programming guide, arithmetic throughput). */
function fp32LanesPerSm(cc: string): number | null {
  const [major, minor] = cc.split('.').map(Number) as [number, number | undefined];
  if (!Number.isFinite(major)) return null;
  if (major === 6 && minor === 0) return 64;
  if (major === 7 || (major === 8 && minor === 0)) return 64;
  if (major >= 5) return 128;
  return null;
}

/**
 * FP32 peak estimate for a CUDA device: SMs × FP32 lanes × 2 (FMA) × clock. Null when the device
 * does not report them (WebGPU adapters, CPU emulation).
 */
export function estimatePeakGflops(device: DeviceInfo | null | undefined): number | null {
  if (!device?.computeCapability || !device.multiprocessors || !device.clockMHz) return null;
  const lanes = fp32LanesPerSm(device.computeCapability);
  if (lanes === null) return null;
  return (device.multiprocessors * lanes * 2 * device.clockMHz) / 1000;
}
