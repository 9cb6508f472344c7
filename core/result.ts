/**
 * Run result (v1): what each side reports. The browser runner, the daemon client, the CLI and the
 * page all speak these types. See docs/contracts.md §6.
 */
export type Backend = 'webgpu' | 'cuda' | 'cpu';

/** Summary of repeated measurements, in milliseconds. */
export interface SampleStats {
  samples: number[];
  median: number;
  min: number;
  p90: number;
  count: number;
}

export type KernelTimer =
  | 'timestamp-query' // WebGPU timestamp queries (Chrome rounds to 100 µs unless developer features are on)
  | 'wall-submit' // WebGPU without timestamp queries: submit → onSubmittedWorkDone wall time
  | 'cuda-events'
  | 'steady-clock'; // CPU emulation: std::chrono::steady_clock around each launch

export interface KernelTiming extends SampleStats {
  timer: KernelTimer;
  /** Smallest step the timer can show, in ms. */
  resolutionMs: number;
  /** A sentence about the timer for the reader (e.g. whether the browser rounds timestamps). */
  note?: string;
  /** Per pass of a multi-pass workload: stats per pass; the top level is their sum per sample. */
  passes?: SampleStats[];
  /** CUDA: whether L2 was flushed before every execution (`runs.flushL2`); absent elsewhere. */
  l2Flushed?: boolean;
}

export interface Timings {
  compile: { ms: number; cacheHit?: boolean; translateMs?: number };
  upload: { ms: number };
  kernel: KernelTiming;
  download: { ms: number };
  /** Remote only: time waiting in the daemon's queue. */
  queue?: { ms: number };
  /** Remote only: browser-measured round trip minus everything the daemon reports. */
  transport?: { ms: number };
}

/** Device description; fields present depend on the backend. */
export interface DeviceInfo {
  name: string;
  /** 'webgpu' adapters: vendor, architecture, description. */
  vendor?: string;
  architecture?: string;
  description?: string;
  /** CUDA devices. */
  computeCapability?: string;
  multiprocessors?: number;
  memoryBytes?: number;
  memoryFreeBytes?: number;
  driverVersion?: string;
  cudaVersion?: string;
  clockMHz?: number;
  memoryClockMHz?: number;
  pcie?: { generation?: number; width?: number };
  bandwidth?: { hostToDeviceGBs?: number; deviceToHostGBs?: number };
  /** CPU emulation. */
  cpuModel?: string;
  cores?: number;
  /** Worker threads the CPU backend runs workgroups on (`duet daemon --threads`). */
  threads?: number;
  emulation?: boolean;
  /** WebGPU limits and features that matter to compute. */
  limits?: Record<string, number>;
  features?: string[];
  [extra: string]: unknown;
}

export interface SideResult {
  backend: Backend;
  device: DeviceInfo;
  timings: Timings;
  /** Output binding name → raw little-endian bytes from the one compared execution. */
  outputs: Record<string, Uint8Array>;
  /**
   * Remote side: what the executor wants the reader to know about this run (a loop hit its
   * iteration guard, so outputs may differ; an L2 flush asked for that the backend does not do).
   */
  warnings?: string[];
}

export function stats(samples: number[]): SampleStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const mid = sorted.length >> 1;
  const median =
    sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { samples, median, min: sorted[0] ?? 0, p90: at(0.9), count: samples.length };
}
