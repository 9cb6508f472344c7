/**
 * The run plan, one for every runner (docs/contracts.md §4): a validated workload plus the module's
 * reflected kernels and bindings become slots, kernels, passes (with per-pass uniform bytes), swaps
 * and outputs. The daemon turns it into the executor's `run` frame (daemon/run-frame.ts), the CUDA
 * harness (compiler/harness.ts) into a standalone program; the page's binding table
 * (app/gpu/plan.ts) shares its per-pass `fields` merge and swap rule.
 *
 * Pure and isomorphic: planning is cheap; input generation happens later, where the bytes are needed.
 */

import { MAX_WORKGROUPS_PER_DIMENSION } from './abi';
import { elementOf, isUntypedBuffer } from './binding-element';
import { PackError, packUniform, type TypeLayout } from './host-layout';
import { namedRecord, ownEntry } from './named';
import { onePerSlot } from './shared-slots';
import type { ResourceInfo, TextureShape } from './texture-formats';
import {
  placeholderTextureSlot,
  planTextureSlot,
  type SamplingPair,
  type TextureSlot,
  textureOutputWindow,
  unfilterableSamplings,
} from './texture-plan';
import {
  type Binding,
  bindingBytes,
  type FieldValue,
  type Pass,
  passesOf,
  type Workload,
  type WorkloadIssue,
} from './workload';

/** One compute entry point of a translated module. */
export interface TranslatedKernel {
  entryPoint: string;
  symbol: string;
  workgroupSize: [number, number, number];
  /** Slots the entry point statically uses (compiler/translate.ts `KernelInfo.usedSlots`). */
  usedSlots?: number[];
  /** Its texture-sampler pairs (compiler/translate.ts `KernelInfo.samplings`). */
  samplings?: readonly SamplingPair[];
  /** Names of the bindings it uses (`KernelInfo.usedBindings`; variables may share a slot). */
  usedBindings?: string[];
  /** Bytes its buffer views need of unsized `buffer` slots (`KernelInfo.viewBytes`). */
  viewBytes?: readonly { slot: number; bytes: number }[];
}

/** One binding a translated module declares, at its slot in the generated source's ABI. */
export interface TranslatedBinding {
  slot: number;
  group: number;
  binding: number;
  name: string;
  kind: Binding['kind'];
  type: string;
  layout: TypeLayout;
  minBytes: number;
  runtimeStride?: number;
  /** Textures, storage textures and samplers: what the WGSL type says (core/texture-formats.ts). */
  resource?: ResourceInfo;
}

/** What planning needs of a translation: its kernels and bindings. */
export interface PlanModule {
  kernels: readonly TranslatedKernel[];
  bindings: readonly TranslatedBinding[];
}

type Fields = Record<string, FieldValue>;

export interface PlannedSlot {
  slot: number;
  name: string;
  bytes: number;
  /** Read-only slots (uniform, storage-read, texture, sampler) need no restore between samples. */
  kind: Binding['kind'];
  /**
   * Where the initial bytes come from: generated from the workload binding (a texture: header and
   * texels of `texture`, core/slot-init.ts), packed fields or a sampler's descriptor, or zeros.
   */
  init:
    | { from: 'binding'; binding: Binding; texture?: TextureShape }
    | { from: 'packed'; data: Uint8Array }
    | { from: 'zeros' };
}

/**
 * An output: the slot read back after the run. `offset` / `bytes`: only that part of the slot is the
 * output (a storage texture's texels, without its header); absent, the whole slot.
 */
export interface PlannedOutput {
  slot: number;
  name: string;
  offset?: number;
  bytes?: number;
}

export interface PlannedPass {
  kernel: number;
  dispatch: [number, number, number];
  uniforms: { slot: number; data: Uint8Array }[];
  swap?: [number, number];
}

export interface RunPlan {
  kernels: { symbol: string; workgroupSize: [number, number, number] }[];
  slots: PlannedSlot[];
  passes: PlannedPass[];
  outputs: PlannedOutput[];
  /** What runs but is probably not what the workload meant (shown with the result). */
  warnings: string[];
}

export type PlanResult = { ok: true; plan: RunPlan } | { ok: false; issues: WorkloadIssue[] };

function isPlainObject(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Per-pass fields override the binding's own, member by member (nested structs merge too). */
export function mergeFields(base: Fields, over: Fields): Fields {
  const out: Fields = namedRecord(Object.entries(base));
  for (const [k, v] of Object.entries(over)) {
    const b = ownEntry(out, k);
    out[k] = isPlainObject(b) && isPlainObject(v) ? mergeFields(b, v) : v;
  }
  return out;
}

export function planRun(w: Workload, t: PlanModule): PlanResult {
  const issues: WorkloadIssue[] = [];
  const warnings: string[] = [];
  const passes = passesOf(w);
  const passPath = (i: number, key: string) => (w.passes ? `passes[${i}].${key}` : key);

  // Kernels: one per distinct entry point, in order of first use.
  const kernelIndex = new Map<string, number>();
  const kernels: RunPlan['kernels'] = [];
  passes.forEach((p, i) => {
    if (kernelIndex.has(p.entryPoint)) return;
    const k = t.kernels.find((x) => x.entryPoint === p.entryPoint);
    if (!k) {
      const known = t.kernels.map((x) => x.entryPoint).join(', ') || 'none';
      issues.push({
        path: passPath(i, 'entryPoint'),
        message: `the WGSL has no compute entry point "${p.entryPoint}" (it has: ${known})`,
      });
      return;
    }
    kernelIndex.set(p.entryPoint, kernels.length);
    kernels.push({ symbol: k.symbol, workgroupSize: k.workgroupSize });
  });
  passes.forEach((p, i) => {
    p.dispatch.forEach((n, d) => {
      if (n > MAX_WORKGROUPS_PER_DIMENSION) {
        issues.push({
          path: `${passPath(i, 'dispatch')}[${d}]`,
          message: `${n} workgroups in one dimension; WebGPU allows at most ${MAX_WORKGROUPS_PER_DIMENSION} (use more dimensions)`,
        });
      }
    });
  });

  // The entry point that first needs each slot, among the ones this run dispatches.
  const neededBy = new Map<number, string>();
  for (const k of t.kernels) {
    if (!kernelIndex.has(k.entryPoint)) continue;
    for (const slot of k.usedSlots ?? []) if (!neededBy.has(slot)) neededBy.set(slot, k.entryPoint);
  }
  // An unsized `buffer`'s minimum size: the largest view type the dispatched entry points read it as
  // (Dawn's minBindingSize from Tint's reflection; WebGPU refuses a smaller binding at dispatch).
  const viewedBy = new Map<number, { bytes: number; entry: string }>();
  for (const k of t.kernels) {
    if (!kernelIndex.has(k.entryPoint)) continue;
    for (const v of k.viewBytes ?? [])
      if (v.bytes > (viewedBy.get(v.slot)?.bytes ?? 0))
        viewedBy.set(v.slot, { bytes: v.bytes, entry: k.entryPoint });
  }

  // Slots: every binding the module declares, matched to the workload's binding by group/binding.
  const slots: PlannedSlot[] = [];
  const slotOfName = new Map<string, number>();
  const textureShapes = new Map<string, TextureShape>();
  const used = new Set<number>();
  const usedNames = new Set(
    t.kernels.filter((k) => kernelIndex.has(k.entryPoint)).flatMap((k) => k.usedBindings ?? []),
  );
  for (const mb of onePerSlot(t.bindings, w.bindings, usedNames)) {
    const i = w.bindings.findIndex((b) => b.group === mb.group && b.binding === mb.binding);
    if (i < 0) {
      // WebGPU requires a bind group entry for every binding the dispatched entry points statically
      // use (a pipeline's layout holds them all, and a bind group must match its layout) and nothing
      // for the rest; so does the daemon, or a run the browser refuses would compute with zeros here.
      const entry = neededBy.get(mb.slot);
      if (entry !== undefined) {
        issues.push({
          path: 'bindings',
          message: `entry point "${entry}" uses @group(${mb.group}) @binding(${mb.binding}) "${mb.name}" (${mb.kind} ${mb.type}); the workload has no binding for it`,
        });
        continue;
      }
      // Declared but unused by these entry points: a zeroed buffer (a valid 1-texel texture or a
      // default sampler for a handle) keeps the slot table whole.
      if (mb.resource) {
        slots.push(textureSlot(mb.slot, mb.name, placeholderTextureSlot(mb.resource), undefined));
        continue;
      }
      slots.push({
        slot: mb.slot,
        name: mb.name,
        kind: mb.kind,
        bytes: Math.max(4, mb.minBytes),
        init: { from: 'zeros' },
      });
      continue;
    }
    used.add(i);
    const b = w.bindings[i]!;
    slotOfName.set(b.name, mb.slot);
    if (mb.resource) {
      const planned = planTextureSlot(b, i, mb.resource);
      if (!planned.ok) issues.push(...planned.issues);
      else {
        slots.push(textureSlot(mb.slot, b.name, planned.slot, b));
        if (planned.slot.kind !== 'sampler') textureShapes.set(b.name, planned.slot.shape);
      }
      continue;
    }
    if (b.kind !== mb.kind) {
      issues.push({
        path: `bindings[${i}].kind`,
        message: `the WGSL declares "${mb.name}" as ${mb.kind} (${mb.type}), not ${b.kind}`,
      });
      continue;
    }
    if (b.kind === 'uniform' && !b.element) {
      try {
        const data = packUniform(mb.layout, b.fields ?? {});
        slots.push({
          slot: mb.slot,
          name: b.name,
          kind: mb.kind,
          bytes: data.byteLength,
          init: { from: 'packed', data },
        });
      } catch (e) {
        if (!(e instanceof PackError)) throw e;
        issues.push({ path: `bindings[${i}].fields`, message: e.message });
      }
      continue;
    }
    // The element type decides how inputs are generated and outputs compared; one that differs
    // from the WGSL's (i32 over array<f32>) runs, but reads the floats' bits as integers.
    const declared = isUntypedBuffer(mb.layout) ? 'bytes' : elementOf(mb.layout).element;
    if (b.element && b.element !== 'bytes' && declared !== 'bytes' && b.element !== declared) {
      warnings.push(
        `"${b.name}": the WGSL declares ${mb.type} (${declared} elements) but the workload says ${b.element}; its data are generated and compared as ${b.element}`,
      );
    }
    const bytes = bindingBytes(b);
    const viewed = viewedBy.get(mb.slot);
    const least = Math.max(mb.minBytes, viewed?.bytes ?? 0);
    if (bytes < least) {
      const why = viewed && viewed.bytes > mb.minBytes ? ` (the views of entry point "${viewed.entry}")` : '';
      issues.push({
        path: `bindings[${i}].length`,
        message: `"${b.name}" (${mb.type}) needs at least ${least} bytes${why}, the workload gives ${bytes}`,
      });
      continue;
    }
    slots.push({ slot: mb.slot, name: b.name, kind: mb.kind, bytes, init: { from: 'binding', binding: b } });
  }
  w.bindings.forEach((b, i) => {
    if (!used.has(i)) {
      issues.push({
        path: `bindings[${i}]`,
        message: `the WGSL declares no @group(${b.group}) @binding(${b.binding}) (for "${b.name}")`,
      });
    }
  });

  // Per-pass uniforms: once any pass changes a uniform, every pass states its value explicitly,
  // so the result never depends on whether the executor keeps or resets earlier passes' values.
  const perPassUniforms = new Set(passes.flatMap((p) => Object.keys(p.fields ?? {})));
  const planned: PlannedPass[] = passes.map((p, i) => {
    const pass: PlannedPass = {
      kernel: kernelIndex.get(p.entryPoint) ?? 0,
      dispatch: p.dispatch,
      uniforms: [],
    };
    for (const name of perPassUniforms) {
      const bi = w.bindings.findIndex((b) => b.name === name);
      const b = w.bindings[bi]!;
      const mb = t.bindings.find((x) => x.group === b.group && x.binding === b.binding);
      if (!mb) continue; // reported above
      if (b.element) {
        issues.push({
          path: passPath(i, `fields.${name}`),
          message: `"${name}" is a raw-bytes uniform; it has no fields to set per pass`,
        });
        continue;
      }
      try {
        pass.uniforms.push({
          slot: mb.slot,
          data: packUniform(mb.layout, mergeFields(b.fields ?? {}, ownEntry(p.fields, name) ?? {})),
        });
      } catch (e) {
        if (!(e instanceof PackError)) throw e;
        issues.push({ path: passPath(i, `fields.${name}`), message: e.message });
      }
    }
    if (p.swap) {
      const [a, b] = p.swap.map((n) => slotOfName.get(n));
      if (a !== undefined && b !== undefined) pass.swap = [a, b];
    }
    return pass;
  });

  const outputs = w.bindings
    .filter((b) => b.output && slotOfName.has(b.name))
    .map((b): PlannedOutput => {
      const shape = textureShapes.get(b.name);
      return { slot: slotOfName.get(b.name)!, name: b.name, ...(shape ? textureOutputWindow(shape) : {}) };
    });
  // WebGPU refuses a filtering sampler paired with a texture that cannot be filtered (texture-plan.ts).
  const bindingAt = (slot: number) => {
    const mb = t.bindings.find((x) => x.slot === slot);
    const i = mb ? w.bindings.findIndex((b) => b.group === mb.group && b.binding === mb.binding) : -1;
    return i < 0 ? undefined : { b: w.bindings[i]!, i };
  };
  for (const k of t.kernels)
    if (kernelIndex.has(k.entryPoint))
      issues.push(...unfilterableSamplings(k.entryPoint, k.samplings ?? [], bindingAt));
  if (issues.length) return { ok: false, issues };
  slots.sort((a, b) => a.slot - b.slot);
  return { ok: true, plan: { kernels, slots, passes: planned, outputs, warnings } };
}

/** The planned slot of a texture, storage texture or sampler (`b`: the workload's, if it has one). */
function textureSlot(slot: number, name: string, t: TextureSlot, b: Binding | undefined): PlannedSlot {
  if (t.kind === 'sampler')
    return { slot, name, kind: t.kind, bytes: t.bytes, init: { from: 'packed', data: t.data } };
  // A binding with no init still needs its header: generated like any other (zeros after it).
  const binding: Binding = b ?? { group: 0, binding: 0, name, kind: t.kind };
  return { slot, name, kind: t.kind, bytes: t.bytes, init: { from: 'binding', binding, texture: t.shape } };
}

/**
 * Applies `swap` pass by pass, by binding index. Every execution starts from the workload's own
 * assignment (slot i → buffer i); a pass's swap takes effect for the passes after it, and the final
 * assignment names the buffer an output binding refers to once all passes ran — the same rule as the
 * executor's slot swap (docs/contracts.md §4).
 */
export function passAssignments(
  bindings: readonly Binding[],
  passes: readonly Pass[],
): { perPass: number[][]; final: number[] } {
  const slotOf = new Map(bindings.map((b, i) => [b.name, i]));
  let current = bindings.map((_, i) => i);
  const perPass: number[][] = [];
  for (const pass of passes) {
    perPass.push(current);
    if (pass.swap) {
      const [x, y] = pass.swap.map((n) => {
        const slot = slotOf.get(n);
        if (slot === undefined) throw new Error(`swap names no binding "${n}"`);
        return slot;
      }) as [number, number];
      current = [...current];
      [current[x], current[y]] = [current[y]!, current[x]!];
    }
  }
  return { perPass, final: current };
}
