/**
 * Kernel timing. With the 'timestamp-query' feature, every compute pass writes a GPU timestamp at
 * its beginning and end (WebGPU spec §20.4 "Timestamp Query", GPUComputePassTimestampWrites); the
 * difference is GPU time for that pass alone, without submit overhead. Chrome quantizes these
 * timestamps to 100 µs unless WebGPU developer features are enabled (a fingerprinting defence), so
 * short kernels read as 0 or 0.1 ms. Without the feature, the runner times submit → onSubmittedWorkDone
 * on the CPU clock instead, which includes queue and driver overhead.
 */
import type { KernelTimer } from '../../core/result';

/** GPUQuerySet.count may not exceed 4096 (WebGPU spec §20.1 createQuerySet). */
export const MAX_QUERIES = 4096;

/** Chrome's quantum for timestamp queries when developer features are off. */
export const QUANTIZED_RESOLUTION_MS = 0.1;
const QUANTUM_NS = 100_000n;
/** Unquantized timestamps count nanoseconds (WebGPU spec §20.4). */
export const NANOSECOND_MS = 1e-6;
export const TIMESTAMP_NOTE =
  'WebGPU timestamp queries: Chrome rounds them to 100 µs unless WebGPU developer features are enabled (chrome://flags/#enable-webgpu-developer-features)';
export const TIMESTAMP_UNQUANTIZED_NOTE =
  'WebGPU timestamp queries, unquantized in this browser (WebGPU developer features or --enable-unsafe-webgpu are on); Chrome normally rounds them to 100 µs';
export const WALL_NOTE =
  'No timestamp queries on this device: kernel time is submit → onSubmittedWorkDone wall time, including queue and driver overhead';

export function wallResolutionMs(): number {
  // performance.now() is coarsened to 100 µs, or 5 µs in cross-origin-isolated pages (HR-Time §7.1).
  return typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated ? 0.005 : 0.1;
}

export function chooseTimer(hasTimestamps: boolean, passCount: number): KernelTimer {
  return hasTimestamps && passCount * 2 <= MAX_QUERIES ? 'timestamp-query' : 'wall-submit';
}

/** Nanosecond timestamps (begin, end per pass) → milliseconds per pass. */
export function passDurationsMs(timestamps: BigUint64Array, passCount: number): number[] {
  const out: number[] = [];
  for (let p = 0; p < passCount; p++) {
    const begin = timestamps[2 * p]!;
    const end = timestamps[2 * p + 1]!;
    // Timestamps may be reset between passes on some implementations; a negative span means unknown.
    out.push(end >= begin ? Number(end - begin) / 1e6 : 0);
  }
  return out;
}

/**
 * True when every timestamp is a multiple of 100 µs: the browser quantizes (a timestamp that is
 * not a multiple proves it does not; all multiples by chance is vanishingly unlikely over many).
 */
export function looksQuantized(timestamps: BigUint64Array): boolean {
  return timestamps.every((t) => t % QUANTUM_NS === 0n);
}

/** One query set with a begin/end pair per pass, resolved and read back after each execution. */
export class PassTimestamps {
  private readonly querySet: GPUQuerySet;
  private readonly resolve: GPUBuffer;
  private readonly readback: GPUBuffer;
  /** Stays true while every timestamp read so far is a multiple of 100 µs. */
  quantized = true;

  constructor(
    device: GPUDevice,
    private readonly passCount: number,
  ) {
    const count = passCount * 2;
    this.querySet = device.createQuerySet({ type: 'timestamp', count });
    this.resolve = device.createBuffer({
      size: count * 8,
      usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
    });
    this.readback = device.createBuffer({
      size: count * 8,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
  }

  writesFor(pass: number): GPUComputePassTimestampWrites {
    return {
      querySet: this.querySet,
      beginningOfPassWriteIndex: 2 * pass,
      endOfPassWriteIndex: 2 * pass + 1,
    };
  }

  /** Records the resolve and the copy to the mappable buffer at the end of an execution's commands. */
  encodeResolve(encoder: GPUCommandEncoder): void {
    encoder.resolveQuerySet(this.querySet, 0, this.passCount * 2, this.resolve, 0);
    encoder.copyBufferToBuffer(this.resolve, 0, this.readback, 0, this.passCount * 16);
  }

  async read(): Promise<number[]> {
    await this.readback.mapAsync(GPUMapMode.READ);
    const ns = new BigUint64Array(this.readback.getMappedRange().slice(0));
    this.readback.unmap();
    if (this.quantized && !looksQuantized(ns)) this.quantized = false;
    return passDurationsMs(ns, this.passCount);
  }

  destroy(): void {
    this.querySet.destroy();
    this.resolve.destroy();
    this.readback.destroy();
  }
}
