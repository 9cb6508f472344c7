/**
 * GPU resources for a binding plan: a working buffer or texture per binding, a pristine copy of
 * every buffer and texture the kernel may write (so each execution starts from the same inputs),
 * one uniform buffer per distinct per-pass value, a sampler per sampler binding, and the bind groups
 * each pass uses after `swap`.
 */
import type { CompiledWorkload } from './compile';
import { prepareCubeBorders } from './cube-borders';
import { fillDepthTexture } from './depth-fill';
import type { BindingPlan, TexturePlan } from './plan';
import { gpuTextureDimension, levelUploads, samplerDescriptor, viewDimensionFor } from './textures';

export interface WorkloadBuffers {
  /** Indexed by binding (workload.bindings); holes where a binding is a texture or sampler. */
  working: GPUBuffer[];
  /** Pristine copies, indexed like `working`; undefined for buffers no pass writes. */
  pristine: (GPUBuffer | undefined)[];
  /** Indexed by binding, like `working`; holes where a binding is not a texture. */
  textures: GPUTexture[];
  /** Pristine copies of the textures a pass may write (storage textures), indexed like `textures`. */
  pristineTextures: (GPUTexture | undefined)[];
  samplers: GPUSampler[];
  /** Uniform buffers per pass, for uniforms whose value changes between passes (else `working`). */
  uniformPerPass: Map<number, GPUBuffer[]>;
  /** bindGroups[pass][group]. */
  bindGroups: GPUBindGroup[][];
  all: Array<GPUBuffer | GPUTexture>;
}

export function createBuffers(device: GPUDevice, plan: BindingPlan): Omit<WorkloadBuffers, 'bindGroups'> {
  // Read inside the function, not at module load: GPUBufferUsage does not exist during server
  // rendering or in a browser without WebGPU, where importing the runner must still work (and then
  // report 'unavailable' properly).
  const STORAGE_USAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const UNIFORM_USAGE = GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST;
  const all: Array<GPUBuffer | GPUTexture> = [];
  const make = (label: string, size: number, usage: number) => {
    const buffer = device.createBuffer({ label, size, usage });
    all.push(buffer);
    return buffer;
  };
  const working: GPUBuffer[] = [];
  const pristine: (GPUBuffer | undefined)[] = [];
  for (const b of plan.buffers) {
    working[b.index] = make(b.name, b.size, b.kind === 'uniform' ? UNIFORM_USAGE : STORAGE_USAGE);
    if (b.writable)
      pristine[b.index] = make(
        `${b.name} (pristine)`,
        b.size,
        GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      );
  }
  const textures: GPUTexture[] = [];
  const pristineTextures: (GPUTexture | undefined)[] = [];
  for (const t of plan.textures) {
    textures[t.index] = makeTexture(device, t, t.name, textureUsage(t));
    all.push(textures[t.index]!);
    if (t.writable) {
      const copy = makeTexture(
        device,
        t,
        `${t.name} (pristine)`,
        GPUTextureUsage.COPY_SRC | GPUTextureUsage.COPY_DST,
      );
      pristineTextures[t.index] = copy;
      all.push(copy);
    }
  }
  const samplers: GPUSampler[] = [];
  for (const s of plan.samplers) samplers[s.index] = device.createSampler(samplerDescriptor(s.state, s.name));
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
  return { working, pristine, textures, pristineTextures, samplers, uniformPerPass, all };
}

/**
 * Usage of a working texture: sampled (any texture may be, after a `swap`), filled by writeTexture,
 * copied out (outputs, pristine copies); a storage binding where some pass binds it at a
 * storage-texture slot; a render attachment where a draw fills it (depth32float, depth-fill.ts).
 */
function textureUsage(t: TexturePlan): number {
  const base = GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST | GPUTextureUsage.COPY_SRC;
  if (isDrawnDepth(t)) return base | GPUTextureUsage.RENDER_ATTACHMENT;
  return t.storageBound ? base | GPUTextureUsage.STORAGE_BINDING : base;
}

/** depth32float takes no buffer copy or writeTexture (WebGPU §26.1.2): a draw fills it. */
const isDrawnDepth = (t: TexturePlan) => t.shape.format.name === 'depth32float';

function makeTexture(device: GPUDevice, t: TexturePlan, label: string, usage: number): GPUTexture {
  const { shape } = t;
  return device.createTexture({
    label,
    dimension: gpuTextureDimension(shape.dimension),
    size: [shape.width, shape.height, shape.depthOrLayers],
    format: shape.format.name as GPUTextureFormat,
    mipLevelCount: shape.mipLevels,
    usage,
  });
}

/** Queues the initial bytes of every working buffer and per-pass uniform (not yet waited for). */
export function writeInitialData(
  device: GPUDevice,
  plan: BindingPlan,
  buffers: Omit<WorkloadBuffers, 'bindGroups'>,
): void {
  for (const b of plan.buffers) device.queue.writeBuffer(buffers.working[b.index]!, 0, b.initial);
  // Every level, all its layers or slices in one call (textures.ts levelUploads), or drawn.
  for (const t of plan.textures) {
    if (isDrawnDepth(t)) {
      fillDepthTexture(device, t, buffers.textures[t.index]!);
      continue;
    }
    for (const up of levelUploads(t.shape)) {
      device.queue.writeTexture(
        { texture: buffers.textures[t.index]!, mipLevel: up.mipLevel },
        t.texels,
        { offset: up.offset, bytesPerRow: up.bytesPerRow, rowsPerImage: up.rowsPerImage },
        up.size,
      );
    }
  }
  // After the texels: SwiftShader filters cubes seamlessly in compute only once a draw prepared them.
  prepareCubeBorders(
    device,
    plan.textures.map((t) => ({ plan: t, texture: buffers.textures[t.index]! })),
  );
  for (const [index, perPass] of buffers.uniformPerPass) {
    const bytes = plan.buffers.find((b) => b.index === index)!.perPass!;
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
  buffers.pristineTextures.forEach((copy, i) => {
    if (!copy) return;
    const working = buffers.textures[i]!;
    const [from, to] = direction === 'restore' ? [copy, working] : [working, copy];
    for (let mipLevel = 0; mipLevel < working.mipLevelCount; mipLevel++) {
      const size = [
        Math.max(1, working.width >> mipLevel),
        Math.max(1, working.height >> mipLevel),
        working.dimension === '3d'
          ? Math.max(1, working.depthOrArrayLayers >> mipLevel)
          : working.depthOrArrayLayers,
      ];
      encoder.copyTextureToTexture({ texture: from, mipLevel }, { texture: to, mipLevel }, size);
    }
  });
}

/**
 * Bind groups per pass: slot → the buffer or texture `swap` put there, per-pass uniforms where they
 * differ, each sampler as it is.
 */
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
        entries: [
          ...plan.buffers
            .filter((b) => b.group === g)
            .map((b) => {
              const buffer =
                buffers.uniformPerPass.get(b.index)?.[p] ?? buffers.working[plan.assignment[p]![b.index]!]!;
              return { binding: b.binding, resource: { buffer } };
            }),
          ...plan.textures
            .filter((t) => t.group === g)
            .map((t) => ({
              binding: t.binding,
              resource: buffers.textures[plan.assignment[p]![t.index]!]!.createView({
                label: t.name,
                dimension: viewDimensionFor(t.shape.dimension, t.declaredDimension),
              }),
            })),
          ...plan.samplers
            .filter((s) => s.group === g)
            .map((s) => ({ binding: s.binding, resource: buffers.samplers[s.index]! })),
        ],
      }),
    ),
  );
}
