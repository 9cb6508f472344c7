/**
 * The binding table: what GPU buffers, textures and samplers a workload needs, their sizes and
 * initial bytes, and which resource each @group/@binding slot sees in each pass once `swap` has
 * exchanged some of them. Pure (no GPU calls), so it is unit-tested in Node; the runner turns it
 * into GPUBuffers, GPUTextures and GPUSamplers.
 */

import { generateBinding } from '../../core/generators';
import { ownEntry } from '../../core/named';
import { mergeFields, passAssignments } from '../../core/run-plan';
import { generateTexels } from '../../core/texel-init';
import { samplerStateOf, textureShapeOf, type WorkloadAccess } from '../../core/texture-binding';
import type { SamplerState, TextureDimension, TextureShape } from '../../core/texture-formats';
import {
  type Binding,
  BUFFER_KINDS,
  ELEMENT_BYTES,
  type FieldValue,
  type Pass,
  passesOf,
  type Workload,
} from '../../core/workload';

/** Packs a uniform binding's struct `fields` into bytes by the WGSL layout rules (compiler/layout). */
export type UniformPacker = (binding: Binding, fields: Record<string, FieldValue>) => Uint8Array;

export interface BufferPlan {
  /** Index into workload.bindings (and into the runner's `working` resources). */
  index: number;
  name: string;
  group: number;
  binding: number;
  kind: (typeof BUFFER_KINDS)[number];
  /**
   * GPU buffer size in bytes. Storage sizes are padded to a multiple of 4 and uniform sizes to a
   * multiple of 16: WebGPU requires storage binding sizes to be multiples of 4 (spec §3.3 "Bind
   * group creation", createBindGroup validation) and writeBuffer sizes to be multiples of 4; uniform
   * structs are 16-byte aligned in WGSL's uniform address space.
   */
  size: number;
  /** Meaningful bytes (length × element size): what an output reads back. */
  dataBytes: number;
  /** Initial contents (storage and raw uniforms; for `fields` uniforms: the workload's own fields). */
  initial: Uint8Array<ArrayBuffer>;
  /**
   * Uniforms only: bytes for each pass (the binding's fields with that pass's `fields` merged over
   * them member by member: core/run-plan `mergeFields`, as on the daemon). Identical arrays are the
   * same object, so the runner makes one GPU buffer per distinct value.
   */
  perPass?: Uint8Array<ArrayBuffer>[];
  output: boolean;
  /** Bound read_write in some pass: restored from a pristine copy before every execution. */
  writable: boolean;
}

/** A texture or storage-texture binding (docs/contracts.md, textures). */
export interface TexturePlan {
  /** Index into workload.bindings. */
  index: number;
  name: string;
  group: number;
  binding: number;
  kind: 'texture' | 'storage-texture';
  shape: TextureShape;
  /** Storage textures only. */
  access?: WorkloadAccess;
  /** The WGSL type's dimension where it differs from the texture's (a texture_2d_array over a 2d texture). */
  declaredDimension?: TextureDimension;
  /** Every level's texels, tightly packed, level 0 first (the slot without its 32-byte header). */
  texels: Uint8Array<ArrayBuffer>;
  output: boolean;
  /** Bound as a storage texture that may be written in some pass: restored before every execution. */
  writable: boolean;
  /** Bound at a storage-texture slot in some pass (its own, or one `swap` moves it to). */
  storageBound: boolean;
}

export interface SamplerPlan {
  index: number;
  name: string;
  group: number;
  binding: number;
  state: SamplerState;
}

export interface BindingPlan {
  /** Buffer bindings (uniform and storage); `index` is the binding's place in workload.bindings. */
  buffers: BufferPlan[];
  textures: TexturePlan[];
  samplers: SamplerPlan[];
  passes: Pass[];
  /** assignment[p][slot] = index of the buffer or texture bound at workload.bindings[slot] during pass p. */
  assignment: number[][];
  /** Which buffer each binding name refers to after the last pass (outputs are read from these). */
  finalAssignment: number[];
}

export function roundUp(n: number, multiple: number): number {
  return Math.ceil(n / multiple) * multiple;
}

function uniformBytes(
  pack: UniformPacker,
  b: Binding,
  fields: Record<string, FieldValue>,
): Uint8Array<ArrayBuffer> {
  const packed = pack(b, fields);
  const padded = new Uint8Array(roundUp(Math.max(packed.byteLength, 16), 16));
  padded.set(packed);
  return padded;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
}

/** The dimension the WGSL declares at a slot, where known (declared.ts); undefined when not. */
export type DeclaredDimension = (group: number, binding: number) => TextureDimension | undefined;

export function planBindings(
  workload: Workload,
  pack: UniformPacker,
  declared: DeclaredDimension = () => undefined,
): BindingPlan {
  const passes = passesOf(workload);
  const { perPass: assignment, final } = passAssignments(workload.bindings, passes);
  const placeOf = (b: Binding, index: number) => ({
    index,
    name: b.name,
    group: b.group,
    binding: b.binding,
  });
  const textures: TexturePlan[] = [];
  const samplers: SamplerPlan[] = [];
  workload.bindings.forEach((b, index) => {
    if (b.kind === 'sampler') samplers.push({ ...placeOf(b, index), state: samplerStateOf(b.sampler) });
    if (b.kind !== 'texture' && b.kind !== 'storage-texture') return;
    // Written when some pass binds it (itself, or moved there by `swap`) at a storage-texture slot
    // that can write.
    const storageSlots = assignment.flatMap((slots) =>
      slots.flatMap((tex, slot) => {
        const at = workload.bindings[slot]!;
        return tex === index && at.kind === 'storage-texture' ? [at] : [];
      }),
    );
    const writable = storageSlots.some((at) => at.access !== 'read');
    const shape = textureShapeOf(b);
    const wgslDimension = declared(b.group, b.binding);
    textures.push({
      ...placeOf(b, index),
      kind: b.kind,
      shape,
      ...(wgslDimension && wgslDimension !== shape.dimension ? { declaredDimension: wgslDimension } : {}),
      ...(b.access ? { access: b.access } : {}),
      texels: new Uint8Array(generateTexels(shape, b.init)),
      output: !!b.output,
      writable,
      storageBound: storageSlots.length > 0,
    });
  });
  const bufferBindings = workload.bindings.flatMap((b, index) =>
    (BUFFER_KINDS as readonly string[]).includes(b.kind) ? [{ b, index }] : [],
  );
  const buffers = bufferBindings.map(({ b, index }): BufferPlan => {
    const common = {
      index,
      name: b.name,
      group: b.group,
      binding: b.binding,
      kind: b.kind as BufferPlan['kind'],
      output: !!b.output,
    };
    if (b.kind === 'uniform') {
      const overrides = passes.map((p) => ownEntry(p.fields, b.name));
      if (!b.fields) {
        if (overrides.some(Boolean)) {
          throw new Error(`uniform "${b.name}" is raw bytes; per-pass \`fields\` need a \`fields\` uniform`);
        }
        const raw = generateBinding(b);
        const initial = new Uint8Array(roundUp(Math.max(raw.byteLength, 16), 16));
        initial.set(raw);
        return { ...common, size: initial.byteLength, dataBytes: raw.byteLength, initial, writable: false };
      }
      const initial = uniformBytes(pack, b, b.fields);
      const perPass: Uint8Array<ArrayBuffer>[] = [];
      for (const o of overrides) {
        const bytes = o ? uniformBytes(pack, b, mergeFields(b.fields, o)) : initial;
        perPass.push(perPass.find((seen) => sameBytes(seen, bytes)) ?? bytes);
      }
      const size = Math.max(...perPass.map((p) => p.byteLength));
      return { ...common, size, dataBytes: initial.byteLength, initial, perPass, writable: false };
    }
    const dataBytes = (b.length ?? 0) * ELEMENT_BYTES[b.element ?? 'bytes'];
    const size = roundUp(dataBytes, 4);
    const initial = new Uint8Array(size);
    initial.set(generateBinding(b));
    // A buffer is written when it is bound at a read_write slot in any pass (swap can move a
    // read-only binding's buffer into a read_write slot).
    const writable = assignment.some((slots) =>
      slots.some((buf, slot) => buf === index && workload.bindings[slot]!.kind === 'storage'),
    );
    return { ...common, size, dataBytes, initial, writable };
  });
  return { buffers, textures, samplers, passes, assignment, finalAssignment: final };
}
