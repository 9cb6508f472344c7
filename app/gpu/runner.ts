/**
 * The browser side of Duet (docs/contracts.md §8): runs one workload on the local GPU through
 * WebGPU and reports outputs and phase timings as a SideResult (core/result.ts).
 *
 * Order of work, and why:
 *   compiling   shader module, compilation messages, pipelines (timed: `compile`)
 *   uploading   writeBuffer of every input buffer, writeTexture of every texture level (a draw for
 *               depth32float), a draw per cube texture for SwiftShader (cube-borders.ts), waited
 *               with onSubmittedWorkDone (timed: `upload`); then, untimed, a device-side pristine
 *               copy of every buffer and storage texture a pass may write
 *   running     execution 1 on the initial inputs: its outputs are THE compared outputs
 *   downloading outputs → mappable staging buffers → host (timed: `download`)
 *   running     warmup executions, then timed samples (timed: `kernel`)
 * Every execution first restores the writable buffers from their pristine copies (outside the
 * timed region), so in-place kernels (SAXPY's y += a·x) and ping-pong passes start from the same
 * inputs every time, and repetition never changes the answer.
 */
import { namedRecord } from '../../core/named';
import type { RunPhase } from '../../core/progress';
import { type KernelTiming, type SideResult, stats } from '../../core/result';
import type { Workload } from '../../core/workload';
import { compileWorkload } from './compile';
import { declaredDimensions } from './declared';
import { acquireDevice } from './device';
import { WebGpuError } from './errors';
import { planBindings } from './plan';
import {
  createBindGroups,
  createBuffers,
  encodeRestore,
  type WorkloadBuffers,
  writeInitialData,
} from './resources';
import { withValidation } from './scopes';
import { readbackLayout, stripRowPadding } from './textures';
import {
  chooseTimer,
  NANOSECOND_MS,
  PassTimestamps,
  QUANTIZED_RESOLUTION_MS,
  TIMESTAMP_NOTE,
  TIMESTAMP_UNQUANTIZED_NOTE,
  WALL_NOTE,
  wallResolutionMs,
} from './timing';
import { deferredPacker, packUniformFields } from './uniforms';

export interface PhaseEvent {
  phase: RunPhase;
  /** For 'running': 1-based execution number, counting the compared execution, warmups and samples. */
  sample?: number;
  of?: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  onPhase?(event: PhaseEvent): void;
  /** Reuse a device (the page keeps one); it must already have the features and limits needed. */
  device?: GPUDevice;
  /**
   * Called with the outputs as they stand after the last timed sample. Every execution starts from
   * pristine inputs, so they must equal the compared outputs; tests use this to prove the restore
   * works for in-place kernels. Costs one more download, outside every timing.
   */
  onFinalOutputs?(outputs: Record<string, Uint8Array>): void;
}

/** KernelTiming plus a sentence about the timer that the page shows under the numbers. */
export type WebGpuKernelTiming = KernelTiming & { note: string };

const now = () => performance.now();

export async function runOnWebGPU(workload: Workload, options: RunOptions = {}): Promise<SideResult> {
  const { signal, onPhase } = options;
  signal?.throwIfAborted();
  const uniforms = deferredPacker(packUniformFields(workload));
  const plan = planBindings(workload, uniforms.pack, declaredDimensions(workload));
  const acquired = await acquireDevice(workload, plan, options.device);
  const { device } = acquired;
  const guard = new DeviceGuard(device, signal);
  const cleanup: Array<{ destroy(): void }> = [];
  try {
    onPhase?.({ phase: 'compiling' });
    const compileStart = now();
    const compiled = await guard.wait(compileWorkload(device, workload.wgsl, workload.overrides, plan));
    const compileMs = now() - compileStart;
    uniforms.throwIfFailed();
    guard.check();

    onPhase?.({ phase: 'uploading' });
    const created = await guard.wait(
      withValidation(device, 'creating buffers', () => createBuffers(device, plan)),
    );
    cleanup.push(...created.all);
    const uploadStart = now();
    writeInitialData(device, plan, created);
    await guard.wait(device.queue.onSubmittedWorkDone());
    const uploadMs = now() - uploadStart;
    const bindGroups = await guard.wait(
      withValidation(device, 'creating bind groups', () => createBindGroups(device, plan, compiled, created)),
    );
    const buffers: WorkloadBuffers = { ...created, bindGroups };
    const save = device.createCommandEncoder({ label: 'save pristine copies' });
    encodeRestore(save, buffers, 'save');
    device.queue.submit([save.finish()]);
    guard.check();

    const passCount = plan.passes.length;
    const timer = chooseTimer(acquired.timestamps, passCount);
    const timestamps = timer === 'timestamp-query' ? new PassTimestamps(device, passCount) : undefined;
    if (timestamps) cleanup.push(timestamps);
    const { warmup, samples } = workload.runs;
    const total = 1 + warmup + samples;

    /**
     * One execution: restore the writable buffers, then every pass in order. The submit of the passes
     * is synchronous (so an error scope around it catches dispatch-time validation errors); the
     * returned promise gives per-pass ms (timestamps) or [wall ms of all passes].
     */
    const restore = async (): Promise<void> => {
      if (timestamps) return; // recorded in the same command buffer, outside the timestamped passes
      // Without timestamps, restore in its own submission so the wall-clock span covers the passes only.
      const encoder = device.createCommandEncoder({ label: 'restore' });
      encodeRestore(encoder, buffers, 'restore');
      device.queue.submit([encoder.finish()]);
      await guard.wait(device.queue.onSubmittedWorkDone());
    };
    const submitPasses = (): Promise<number[]> => {
      const encoder = device.createCommandEncoder({ label: 'execution' });
      if (timestamps) encodeRestore(encoder, buffers, 'restore');
      plan.passes.forEach((pass, p) => {
        const compute = encoder.beginComputePass(
          timestamps ? { timestampWrites: timestamps.writesFor(p) } : {},
        );
        compute.setPipeline(compiled.pipelines.get(pass.entryPoint)!);
        bindGroups[p]!.forEach((group, g) => {
          compute.setBindGroup(g, group);
        });
        compute.dispatchWorkgroups(...pass.dispatch);
        compute.end();
      });
      if (timestamps) {
        timestamps.encodeResolve(encoder);
        device.queue.submit([encoder.finish()]);
        return guard.wait(timestamps.read());
      }
      const start = now();
      device.queue.submit([encoder.finish()]);
      return guard.wait(device.queue.onSubmittedWorkDone()).then(() => [now() - start]);
    };

    // Execution 1: the compared outputs. Validation errors at dispatch time (a binding smaller than
    // the shader's struct, say) surface here rather than as silent zeros.
    onPhase?.({ phase: 'running', sample: 1, of: total });
    await restore();
    let firstDone: Promise<number[]> | undefined;
    await guard.wait(
      withValidation(device, 'running the kernel', () => {
        firstDone = submitPasses();
        firstDone.catch(() => {}); // awaited just below; not an unhandled rejection meanwhile
      }),
    );
    await firstDone;
    guard.check();

    onPhase?.({ phase: 'downloading' });
    const download = await guard.wait(readOutputs(device, plan, buffers, cleanup));
    guard.check();

    const perSample: number[][] = [];
    for (let k = 0; k < warmup + samples; k++) {
      guard.check();
      onPhase?.({ phase: 'running', sample: k + 2, of: total });
      await restore();
      const ms = await submitPasses();
      if (k >= warmup) perSample.push(ms);
    }

    if (options.onFinalOutputs) {
      await guard.wait(device.queue.onSubmittedWorkDone());
      options.onFinalOutputs((await guard.wait(readOutputs(device, plan, buffers, cleanup))).outputs);
    }

    const quantized = timestamps?.quantized ?? false;
    const kernel: WebGpuKernelTiming = {
      ...stats(perSample.map((ms) => ms.reduce((a, b) => a + b, 0))),
      timer,
      resolutionMs: !timestamps ? wallResolutionMs() : quantized ? QUANTIZED_RESOLUTION_MS : NANOSECOND_MS,
      note: !timestamps ? WALL_NOTE : quantized ? TIMESTAMP_NOTE : TIMESTAMP_UNQUANTIZED_NOTE,
    };
    if (timestamps && passCount > 1)
      kernel.passes = plan.passes.map((_, p) => stats(perSample.map((ms) => ms[p]!)));

    return {
      backend: 'webgpu',
      device: acquired.info,
      timings: {
        compile: { ms: compileMs },
        upload: { ms: uploadMs },
        kernel,
        download: { ms: download.ms },
      },
      outputs: download.outputs,
    };
  } finally {
    guard.release();
    for (const r of cleanup) r.destroy();
    if (acquired.owned) device.destroy();
  }
}

/**
 * Copies each output (the buffer or storage texture its name refers to after the last pass) to the
 * host; timed. A texture comes back through a buffer with rows padded to 256 bytes (WebGPU
 * copyTextureToBuffer), and leaves without the padding: level 0's texels, row-major, then layers,
 * exactly the daemon's output bytes (docs/contracts.md, textures).
 */
async function readOutputs(
  device: GPUDevice,
  plan: ReturnType<typeof planBindings>,
  buffers: WorkloadBuffers,
  cleanup: Array<{ destroy(): void }>,
): Promise<{ ms: number; outputs: Record<string, Uint8Array> }> {
  const outputs = plan.buffers.filter((b) => b.output);
  const staging = outputs.map((b) => {
    const buffer = device.createBuffer({
      label: `${b.name} (staging)`,
      size: b.size,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    cleanup.push(buffer);
    return buffer;
  });
  const textureOutputs = plan.textures.filter((t) => t.output);
  const textureStaging = textureOutputs.map((t) => {
    const layout = readbackLayout(t.shape);
    const buffer = device.createBuffer({
      label: `${t.name} (staging)`,
      size: layout.paddedBytes,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    cleanup.push(buffer);
    return { buffer, layout };
  });
  const start = now();
  const encoder = device.createCommandEncoder({ label: 'download' });
  outputs.forEach((b, i) => {
    encoder.copyBufferToBuffer(buffers.working[plan.finalAssignment[b.index]!]!, 0, staging[i]!, 0, b.size);
  });
  textureOutputs.forEach((t, i) => {
    const { buffer, layout } = textureStaging[i]!;
    encoder.copyTextureToBuffer(
      { texture: buffers.textures[plan.finalAssignment[t.index]!]!, mipLevel: 0 },
      { buffer, bytesPerRow: layout.bytesPerRow, rowsPerImage: layout.rowsPerImage },
      layout.size,
    );
  });
  device.queue.submit([encoder.finish()]);
  await Promise.all(
    [...staging, ...textureStaging.map((t) => t.buffer)].map((s) => s.mapAsync(GPUMapMode.READ)),
  );
  // Keyed by binding names, prototype-free (core/named.ts): `__proto__` is an output like any other.
  const result = namedRecord<Uint8Array>();
  outputs.forEach((b, i) => {
    // Copy out before unmap: the mapped ArrayBuffer is detached by unmap (WebGPU spec §5.3).
    result[b.name] = new Uint8Array(staging[i]!.getMappedRange(0, b.size).slice(0, b.dataBytes));
    staging[i]!.unmap();
  });
  textureOutputs.forEach((t, i) => {
    const { buffer } = textureStaging[i]!;
    result[t.name] = stripRowPadding(new Uint8Array(buffer.getMappedRange()), t.shape);
    buffer.unmap();
  });
  return { ms: now() - start, outputs: result };
}

/**
 * Turns device loss and cancellation into rejections of whatever the runner is waiting on, so a
 * lost device or an abort never leaves the run hanging on a promise that will not settle.
 */
class DeviceGuard {
  private released = false;
  private readonly stop: Promise<never>;
  private rejectStop: (reason: unknown) => void = () => {};
  private readonly onAbort = () => this.rejectStop(this.signal?.reason);

  constructor(
    device: GPUDevice,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.stop = new Promise<never>((_, reject) => {
      this.rejectStop = reject;
    });
    this.stop.catch(() => {}); // observed through wait(); never an unhandled rejection
    device.lost.then((info) => {
      if (!this.released)
        this.rejectStop(new WebGpuError('lost', `the GPU device was lost (${info.reason}): ${info.message}`));
    });
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  wait<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.stop]);
  }

  check(): void {
    this.signal?.throwIfAborted();
  }

  /** Our own device.destroy() must not count as a loss. */
  release(): void {
    this.released = true;
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}
