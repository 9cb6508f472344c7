/**
 * GPU buffers for a binding plan: a working buffer per binding, a pristine copy of every buffer
 * the kernel may write (so each execution starts from the same inputs), one uniform buffer per
 * distinct per-pass value, and the bind groups each pass uses after `swap`.
 */
import type { CompiledWorkload } from './compile';
import type { BindingPlan } from './plan';

export interface WorkloadBuffers {
  working: GPUBuffer[];
  /** Pristine copies, indexed like `working`; undefined for buffers no pass writes. */
  pristine: (GPUBuffer | undefined)[];
  /** Uniform buffers per pass, for uniforms whose value changes between passes (else `working`). */
  uniformPerPass: Map<number, GPUBuffer[]>;
  /** bindGroups[pass][group]. */
  bindGroups: GPUBindGroup[][];
  all: GPUBuffer[];
}

export function createBuffers(device: GPUDevice, plan: BindingPlan): Omit<WorkloadBuffers, 'bindGroups'> {
  // Read inside the function, not at module load: GPUBufferUsage does not exist during server
  // rendering or in a browser without WebGPU, where importing the runner must still work (and then
  // report 'unavailable' properly).
  const STORAGE_USAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const UNIFORM_USAGE = GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST;
  const all: GPUBuffer[] = [];
  const make = (label: string, size: number, usage: number) => {
    const buffer = device.createBuffer({ label, size, usage });
    all.push(buffer);
    return buffer;
  };
  const working = plan.buffers.map((b) =>
    make(b.name, b.size, b.kind === 'uniform' ? UNIFORM_USAGE : STORAGE_USAGE),
  );
  const pristine = plan.buffers.map((b) =>
    b.writable
      ? make(`${b.name} (pristine)`, b.size, GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST)
      : undefined,
  );
  const uniformPerPass = new Map<number, GPUBuffer[]>();
  for (const b of plan.buffers) {
    if (!b.perPass || b.perPass.every((bytes) => bytes === b.initial)) continue;
    const byValue = new Map<Uint8Array, GPUBuffer>([[b.initial, working[b.index]!]]);
    uniformPerPass.set(
      b.index,
      b.perPass.map((bytes, p) => {
        let buffer = byValue.get(bytes);
        if (!buffer) {
          buffer = make(`${b.name} (pass ${p})`, b.size, UNIFORM_USAGE);
          byValue.set(bytes, buffer);
        }
        return buffer;
      }),
    );
  }
  return { working, pristine, uniformPerPass, all };
}

/** Queues the initial bytes of every working buffer and per-pass uniform (not yet waited for). */
export function writeInitialData(
  device: GPUDevice,
  plan: BindingPlan,
  buffers: Omit<WorkloadBuffers, 'bindGroups'>,
): void {
  for (const b of plan.buffers) device.queue.writeBuffer(buffers.working[b.index]!, 0, b.initial);
  for (const [index, perPass] of buffers.uniformPerPass) {
    const bytes = plan.buffers[index]!.perPass!;
    const written = new Set<GPUBuffer>([buffers.working[index]!]);
    perPass.forEach((buffer, p) => {
      if (written.has(buffer)) return;
      written.add(buffer);
      device.queue.writeBuffer(buffer, 0, bytes[p]!);
    });
  }
}

/** Records copies that reset every writable working buffer from (to) its pristine copy. */
export function encodeRestore(
  encoder: GPUCommandEncoder,
  buffers: Omit<WorkloadBuffers, 'bindGroups'>,
  direction: 'restore' | 'save',
): void {
  buffers.pristine.forEach((copy, i) => {
    if (!copy) return;
    const working = buffers.working[i]!;
    if (direction === 'restore') encoder.copyBufferToBuffer(copy, 0, working, 0, working.size);
    else encoder.copyBufferToBuffer(working, 0, copy, 0, working.size);
  });
}

/** Bind groups per pass: slot → the buffer `swap` put there, per-pass uniforms where they differ. */
export function createBindGroups(
  device: GPUDevice,
  plan: BindingPlan,
  compiled: CompiledWorkload,
  buffers: Omit<WorkloadBuffers, 'bindGroups'>,
): GPUBindGroup[][] {
  return plan.passes.map((_, p) =>
    compiled.groupLayouts.map((layout, g) =>
      device.createBindGroup({
        label: `pass ${p} group ${g}`,
        layout,
        entries: plan.buffers
          .filter((b) => b.group === g)
          .map((b) => {
            const buffer =
              buffers.uniformPerPass.get(b.index)?.[p] ?? buffers.working[plan.assignment[p]![b.index]!]!;
            return { binding: b.binding, resource: { buffer } };
          }),
      }),
    ),
  );
}
