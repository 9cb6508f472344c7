/**
 * Reflection without emission (contract §2 `reflect`): bindings with their layouts, entry points with their
 * workgroup sizes (overrides resolved), and diagnostics. The page uses it to build the workload form.
 */
import type { ResourceInfo } from '../core/texture-formats';
import { CompileError, type Diagnostic, type Pos, toDiagnostics } from './diagnostics';
import type { Attribute, FnDecl } from './front/ast';
import { parse } from './front/parser';
import { type GlobalVar, ModuleScope } from './front/scope';
import { containsRuntimeArray, isHandle, type Type, typeName } from './front/types';
import { layoutOf, type TypeLayout } from './layout';
import { resourceBinding } from './resource-bindings';

export type BindingKind = 'uniform' | 'storage-read' | 'storage' | 'texture' | 'storage-texture' | 'sampler';

export interface BindingInfo {
  /** One per distinct (group, binding): variables that share one share the slot. */
  slot: number;
  group: number;
  binding: number;
  name: string;
  kind: BindingKind;
  /** WGSL type text, e.g. `array<f32>` or `Params`. */
  type: string;
  layout: TypeLayout;
  /** Smallest valid binding size in bytes (one element for runtime-sized arrays). */
  minBytes: number;
  /** Bytes per element of the runtime-sized array at the end of the binding, if any. */
  runtimeStride?: number;
  /** Textures, storage textures and samplers: what the WGSL type says (core/texture-formats.ts). */
  resource?: ResourceInfo;
}

export interface EntryPointInfo {
  name: string;
  stage: 'compute' | 'vertex' | 'fragment';
  workgroupSize: [number, number, number];
}

export interface ReflectOptions {
  file?: string;
  overrides?: Record<string, number>;
}

export type ReflectResult =
  | { ok: true; bindings: BindingInfo[]; entryPoints: EntryPointInfo[]; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** Largest total workgroup size accepted (WebGPU's default maxComputeInvocationsPerWorkgroup is 256). */
export const MAX_WORKGROUP_INVOCATIONS = 1024;

export function bindingKind(g: GlobalVar): BindingKind {
  if (isHandle(g.type)) return resourceBinding(g.type).kind;
  if (g.space === 'uniform') return 'uniform';
  return g.access === 'read_write' ? 'storage' : 'storage-read';
}

function runtimeStrideOf(t: Type): number | undefined {
  // An unsized `buffer` (language feature buffer_view) grows by words, as its layout describes it.
  if (t.k === 'buffer') return t.size === null ? 4 : undefined;
  if (!containsRuntimeArray(t)) return undefined;
  const l = layoutOf(t);
  if (l.kind === 'array') return l.stride;
  if (l.kind === 'struct') {
    const last = l.members[l.members.length - 1]!.layout;
    if (last.kind === 'array') return last.stride;
  }
  return undefined;
}

/**
 * Bindings of a resolved module, sorted by (group, binding), numbered as slots: one slot per distinct
 * (group, binding). Two variables may share one when no entry point uses both (WGSL §13.3.2; Tint's
 * bug/tint/369): they then share the slot, and translate refuses an entry point that uses both.
 */
export function collectBindings(scope: ModuleScope): BindingInfo[] {
  const vars = [...scope.globals.values()].filter((g) => g.group !== undefined);
  // A stable sort: variables at one (group, binding) stay in source order.
  vars.sort((a, b) => a.group! - b.group! || a.binding! - b.binding!);
  const out: BindingInfo[] = [];
  let slot = -1;
  vars.forEach((g, k) => {
    const prev = vars[k - 1];
    if (!prev || prev.group !== g.group || prev.binding !== g.binding) slot++;
    if (g.type.k === 'atomic' || g.type.k === 'ptr' || g.type.k === 'void') {
      if (g.type.k !== 'atomic')
        throw new CompileError(g.decl.pos, `type ${typeName(g.type)} cannot be bound`);
    }
    if (g.type.k === 'scalar' && g.type.s === 'bool') {
      throw new CompileError(g.decl.pos, 'bool is not host-shareable and cannot be in a buffer');
    }
    if (g.space === 'uniform') {
      if (containsRuntimeArray(g.type)) {
        throw new CompileError(g.decl.pos, 'uniform buffers cannot contain runtime-sized arrays');
      }
    }
    if (isHandle(g.type)) {
      const r = resourceBinding(g.type);
      out.push({
        slot,
        group: g.group!,
        binding: g.binding!,
        name: g.decl.name,
        type: typeName(g.type),
        ...r,
      });
      return;
    }
    const layout = layoutOf(g.type);
    const info: BindingInfo = {
      slot,
      group: g.group!,
      binding: g.binding!,
      name: g.decl.name,
      kind: bindingKind(g),
      type: typeName(g.type),
      layout,
      minBytes: layout.size,
    };
    const stride = runtimeStrideOf(g.type);
    if (stride !== undefined) info.runtimeStride = stride;
    out.push(info);
  });
  return out;
}

export function stageOf(fn: FnDecl): EntryPointInfo['stage'] | undefined {
  for (const a of fn.attrs) {
    if (a.name === 'compute' || a.name === 'vertex' || a.name === 'fragment') return a.name;
  }
  return undefined;
}

/** `@workgroup_size(x, y?, z?)` with overrides substituted (WGSL §11.3.1). */
export function workgroupSizeOf(scope: ModuleScope, fn: FnDecl): [number, number, number] {
  const attr: Attribute | undefined = fn.attrs.find((a) => a.name === 'workgroup_size');
  if (!attr) throw new CompileError(fn.pos, `compute entry point '${fn.name}' needs @workgroup_size`);
  if (attr.args.length < 1 || attr.args.length > 3) {
    throw new CompileError(attr.pos, '@workgroup_size takes one to three arguments');
  }
  const size: [number, number, number] = [1, 1, 1];
  attr.args.forEach((a, i) => {
    const v = scope.constInt(a, '@workgroup_size');
    if (v < 1) throw new CompileError(a.pos, `workgroup size must be at least 1, got ${v}`);
    size[i] = v;
  });
  const total = size[0] * size[1] * size[2];
  if (total > MAX_WORKGROUP_INVOCATIONS) {
    throw new CompileError(
      attr.pos,
      `workgroup size ${size.join('×')} = ${total} invocations exceeds the limit of ${MAX_WORKGROUP_INVOCATIONS}`,
    );
  }
  return size;
}

export function entryPointsOf(scope: ModuleScope): EntryPointInfo[] {
  const out: EntryPointInfo[] = [];
  for (const fn of scope.fns.values()) {
    const stage = stageOf(fn);
    if (!stage) continue;
    out.push({
      name: fn.name,
      stage,
      workgroupSize: stage === 'compute' ? workgroupSizeOf(scope, fn) : [1, 1, 1],
    });
  }
  return out;
}

export function reflect(source: string, opts: ReflectOptions = {}): ReflectResult {
  const file = opts.file ?? 'input.wgsl';
  let lastPos: Pos | undefined;
  try {
    const module = parse(source);
    const scope = new ModuleScope(module, opts.overrides ?? {});
    scope.resolveModule();
    const bindings = collectBindings(scope);
    lastPos = module.decls[0]?.pos;
    return { ok: true, bindings, entryPoints: entryPointsOf(scope), diagnostics: [] };
  } catch (err) {
    return { ok: false, diagnostics: toDiagnostics(err, file, lastPos) };
  }
}
