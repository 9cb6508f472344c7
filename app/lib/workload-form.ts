/**
 * The workload form's logic, free of React: the workload JSON as a loose object (so the form can show
 * and repair a workload that does not validate yet), the WGSL's reflection compared with it, and the
 * fixes the form offers ("add it", "remove it", …). Every fix is a pure function of the workload.
 */
import type { BindingInfo, MemberLayout, TypeLayout } from '../../compiler';
import { elementOf, isUntypedBuffer } from '../../core/binding-element';
import { onePerSlot } from '../../core/shared-slots';
import type { ResourceInfo, TextureDimension } from '../../core/texture-formats';
import { ELEMENT_BYTES } from '../../core/workload';

export { elementOf };

export type RawWorkload = Record<string, unknown>;
export type RawBinding = Record<string, unknown>;
export type Dispatch3 = [number, number, number];

export function parseRawWorkload(json: string): RawWorkload | null {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as RawWorkload) : null;
  } catch {
    return null;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function rawBindings(w: RawWorkload): RawBinding[] {
  return Array.isArray(w.bindings) ? w.bindings.filter(isRecord) : [];
}

export const slotKey = (group: unknown, binding: unknown) => `${String(group)}:${String(binding)}`;

/** The binding at `index` of the workload's list, replaced by `fn`'s result (undefined removes it). */
export function updateBinding(
  w: RawWorkload,
  index: number,
  fn: (b: RawBinding) => RawBinding | undefined,
): RawWorkload {
  const list = rawBindings(w);
  const next = list.flatMap((b, i) => {
    if (i !== index) return [b];
    const r = fn(b);
    return r ? [r] : [];
  });
  return { ...w, bindings: next };
}

/** `obj` without `key` (the JSON omits a field rather than writing `undefined`). */
export function without<T extends Record<string, unknown>>(obj: T, ...keys: string[]): T {
  const out = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}

/** Workgroups per dimension that cover `n` invocations: ⌈n / workgroup size⌉, at least 1. */
export function coverDispatch(n: Dispatch3, workgroupSize: Dispatch3): Dispatch3 {
  return [0, 1, 2].map((d) =>
    Math.max(1, Math.ceil(Math.max(0, n[d]!) / Math.max(1, workgroupSize[d]!))),
  ) as Dispatch3;
}

export function asDispatch(v: unknown): Dispatch3 | null {
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'number')) return null;
  return v as Dispatch3;
}

// ---------------------------------------------------------------------------------------------
// From reflection to workload entries

/** A zero of the layout's shape, as `fields` takes it. */
export function zeroValue(l: TypeLayout): unknown {
  switch (l.kind) {
    case 'scalar':
      return l.scalar === 'bool' ? false : 0;
    case 'atomic':
      return 0;
    case 'vector':
      return Array.from({ length: l.count }, () => (l.scalar === 'bool' ? false : 0));
    case 'matrix':
      return Array.from({ length: l.columns }, () => Array.from({ length: l.rows }, () => 0));
    case 'array':
      return Array.from({ length: l.count ?? 1 }, () => zeroValue(l.element));
    case 'struct':
      return Object.fromEntries(l.members.map((m) => [m.name, zeroValue(m.layout)]));
  }
}

/** The members of a uniform struct binding, or null when the uniform is not a struct. */
export function uniformMembers(info: BindingInfo): MemberLayout[] | null {
  return info.layout.kind === 'struct' ? info.layout.members : null;
}

/** A workload entry for a binding the WGSL declares: zeros, or random inputs; read-write storage is an output. */
export function defaultBinding(info: BindingInfo, elements = 1024): RawBinding {
  const base = { group: info.group, binding: info.binding, name: info.name, kind: info.kind };
  if (info.resource) return { ...base, ...defaultResource(info.resource) };
  if (info.kind === 'uniform') {
    const members = uniformMembers(info);
    if (members) return { ...base, fields: zeroValue(info.layout) };
    return { ...base, element: 'bytes', length: info.minBytes, init: 'zeros' };
  }
  const { element, perItem } = elementOf(info.layout);
  const bytes = ELEMENT_BYTES[element];
  const length =
    info.runtimeStride === undefined
      ? Math.max(1, Math.ceil(info.minBytes / bytes))
      : Math.ceil((info.minBytes - info.runtimeStride) / bytes) + elements * perItem;
  if (info.kind === 'storage-read') {
    return {
      ...base,
      element,
      length,
      init: element === 'bytes' ? 'zeros' : { random: { seed: info.slot + 1, min: -1, max: 1 } },
    };
  }
  return { ...base, element, length, init: 'zeros', output: true };
}

/** Sizes a new texture gets by dimension (small, so a first run is quick; a picture resizes it). */
const DEFAULT_SIZE: Record<TextureDimension, number[]> = {
  '1d': [64],
  '2d': [64, 64],
  '2d-array': [64, 64, 2],
  '3d': [16, 16, 16],
  cube: [32, 32, 6],
  'cube-array': [32, 32, 12],
};
/** A format for each sampled type: filterable rgba8unorm for f32, 32-bit integers otherwise. */
const SAMPLED_FORMAT = { f32: 'rgba8unorm', i32: 'r32sint', u32: 'r32uint' } as const;
const SAMPLED_RANGE = { f32: [0, 255], i32: [-100, 100], u32: [0, 100] } as const;

/** A texture, storage texture or sampler for what the WGSL declares (core/texture-formats.ts ResourceInfo). */
function defaultResource(r: ResourceInfo): Record<string, unknown> {
  // A sampler_comparison needs a compare function; "less" is the common shadow-map test.
  if (r.kind === 'sampler') return { sampler: r.comparison ? { compare: 'less' } : {} };
  const size = DEFAULT_SIZE[r.dimension];
  // 3d and cube sizes have three numbers, as a 2d-array's: the dimension is said.
  const shape = ['3d', 'cube', 'cube-array'].includes(r.dimension)
    ? { size, dimension: r.dimension }
    : { size };
  // A texture_depth_* takes a depth format, its depths in [0, 1] (core/texel-components.ts).
  if (r.kind === 'texture' && r.depth)
    return { format: 'depth32float', ...shape, init: { random: { seed: 1, min: 0, max: 1 } } };
  if (r.kind === 'texture') {
    const [min, max] = SAMPLED_RANGE[r.sampled];
    return { format: SAMPLED_FORMAT[r.sampled], ...shape, init: { random: { seed: 1, min, max } } };
  }
  const access = r.access === 'read_write' ? 'read-write' : r.access;
  return { format: r.format, ...shape, access, ...(access === 'read' ? {} : { output: true }) };
}

// ---------------------------------------------------------------------------------------------
// Consistency between the WGSL and the workload

export interface Mismatch {
  /** Stable id for tests and keys: `missing-x`, `extra-y`, `kind-z`, `field-params-foo`, … */
  id: string;
  message: string;
  fix?: { label: string; apply(w: RawWorkload): RawWorkload };
}

function bySlot(w: RawWorkload): Map<string, { b: RawBinding; index: number }> {
  const m = new Map<string, { b: RawBinding; index: number }>();
  rawBindings(w).forEach((b, index) => {
    m.set(slotKey(b.group, b.binding), { b, index });
  });
  return m;
}

const slotText = (group: unknown, binding: unknown) =>
  `@group(${String(group)}) @binding(${String(binding)})`;

export function checkConsistency(
  w: RawWorkload,
  reflected: BindingInfo[],
  declaredOverrides: string[] | null,
): Mismatch[] {
  const out: Mismatch[] = [];
  const have = bySlot(w);
  const declared = new Set(reflected.map((r) => slotKey(r.group, r.binding)));
  const storageLengths = rawBindings(w)
    .filter((b) => b.kind !== 'uniform' && typeof b.length === 'number')
    .map((b) => b.length as number);
  const typical = storageLengths.length ? Math.max(...storageLengths) : 1024;

  // Variables sharing a (group, binding): the workload's binding there fills the one it names.
  const shared = onePerSlot(
    reflected,
    rawBindings(w).map((b) => ({ group: Number(b.group), binding: Number(b.binding), name: String(b.name) })),
  );
  for (const info of shared) {
    const entry = have.get(slotKey(info.group, info.binding));
    if (!entry) {
      out.push({
        id: `missing-${info.name}`,
        message: `The WGSL declares ${slotText(info.group, info.binding)} ${info.name}: ${info.type} (${info.kind}); the workload has no binding for it.`,
        fix: {
          label: 'Add it',
          apply: (x) => {
            const list = [...rawBindings(x), defaultBinding(info, typical)];
            list.sort((a, b) => Number(a.group) - Number(b.group) || Number(a.binding) - Number(b.binding));
            return { ...x, bindings: list };
          },
        },
      });
      continue;
    }
    const { b, index } = entry;
    if (b.name !== info.name) {
      out.push({
        id: `name-${info.name}`,
        message: `${slotText(info.group, info.binding)} is "${info.name}" in the WGSL but "${String(b.name)}" in the workload.`,
        fix: {
          label: `Rename to ${info.name}`,
          apply: (x) => renameBinding(x, index, String(b.name), info.name),
        },
      });
    }
    if (b.kind !== info.kind) {
      const crossesUniform = b.kind === 'uniform' || info.kind === 'uniform';
      out.push({
        id: `kind-${info.name}`,
        message: `"${info.name}" is ${info.kind} in the WGSL (${info.type}) but ${String(b.kind)} in the workload.`,
        fix: {
          label: `Make it ${info.kind}`,
          apply: (x) =>
            updateBinding(x, index, (old) =>
              crossesUniform
                ? { ...defaultBinding(info, typical), name: old.name }
                : info.kind === 'storage-read'
                  ? without({ ...old, kind: info.kind }, 'output', 'tolerance')
                  : { ...old, kind: info.kind },
            ),
        },
      });
      continue;
    }
    if (info.kind === 'uniform' && isRecord(b.fields)) {
      const members = uniformMembers(info) ?? [];
      const names = new Set(members.map((m) => m.name));
      for (const f of Object.keys(b.fields)) {
        if (names.has(f)) continue;
        out.push({
          id: `field-${info.name}-${f}`,
          message: `The uniform "${info.name}" sets the field "${f}", but ${info.type} has no member "${f}"${members.length ? ` (members: ${members.map((m) => m.name).join(', ')})` : ''}.`,
          fix: {
            label: 'Remove it',
            apply: (x) =>
              updateBinding(x, index, (old) => ({ ...old, fields: without(old.fields as RawBinding, f) })),
          },
        });
      }
      for (const m of members) {
        if (Object.hasOwn(b.fields, m.name)) continue; // a member called `constructor` is not Object's
        out.push({
          id: `field-missing-${info.name}-${m.name}`,
          message: `The uniform "${info.name}" does not set the member "${m.name}" of ${info.type}.`,
          fix: {
            label: 'Add it',
            apply: (x) =>
              updateBinding(x, index, (old) => ({
                ...old,
                fields: { ...(old.fields as RawBinding), [m.name]: zeroValue(m.layout) },
              })),
          },
        });
      }
    }
    if (info.kind !== 'uniform' && typeof b.element === 'string' && b.element !== 'bytes') {
      const want = isUntypedBuffer(info.layout) ? 'bytes' : elementOf(info.layout).element;
      if (want !== 'bytes' && want !== b.element) {
        out.push({
          id: `element-${info.name}`,
          message: `"${info.name}" holds ${want} in the WGSL (${info.type}) but the workload says ${b.element}.`,
          fix: {
            label: `Use ${want}`,
            apply: (x) => updateBinding(x, index, (old) => ({ ...old, element: want })),
          },
        });
      }
    }
  }

  rawBindings(w).forEach((b) => {
    if (declared.has(slotKey(b.group, b.binding))) return;
    const name = String(b.name ?? '?');
    out.push({
      id: `extra-${name}`,
      message: `The workload binds "${name}" at ${slotText(b.group, b.binding)}, which the WGSL does not declare.`,
      fix: {
        label: 'Remove it',
        apply: (x) => ({
          ...x,
          bindings: rawBindings(x).filter((y) => slotKey(y.group, y.binding) !== slotKey(b.group, b.binding)),
        }),
      },
    });
  });

  if (declaredOverrides && isRecord(w.overrides)) {
    for (const o of Object.keys(w.overrides)) {
      if (declaredOverrides.includes(o)) continue;
      out.push({
        id: `override-${o}`,
        message: `The workload sets the override "${o}", which the WGSL does not declare.`,
        fix: {
          label: 'Remove it',
          apply: (x) => {
            const rest = without(x.overrides as RawWorkload, o);
            return Object.keys(rest).length ? { ...x, overrides: rest } : without(x, 'overrides');
          },
        },
      });
    }
  }
  return out;
}

function renameBinding(w: RawWorkload, index: number, from: string, to: string): RawWorkload {
  const next = updateBinding(w, index, (b) => ({ ...b, name: to }));
  if (!Array.isArray(next.passes)) return next;
  return {
    ...next,
    passes: next.passes.map((p: unknown) => {
      if (!isRecord(p)) return p;
      let q = p;
      if (Array.isArray(p.swap)) q = { ...q, swap: p.swap.map((n: unknown) => (n === from ? to : n)) };
      if (isRecord(p.fields) && Object.hasOwn(p.fields, from)) {
        const { [from]: moved, ...rest } = p.fields;
        q = { ...q, fields: { ...rest, [to]: moved } };
      }
      return q;
    }),
  };
}

/** `override` declarations of a WGSL module (comments stripped): name and optional default text. */
export function declaredOverrides(
  wgsl: string,
): { name: string; type: string | null; init: string | null }[] {
  const code = wgsl.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
  const out: { name: string; type: string | null; init: string | null }[] = [];
  const re = /\boverride\s+([A-Za-z_]\w*)\s*(?::\s*([A-Za-z_][\w<>]*))?\s*(?:=\s*([^;]+))?;/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    out.push({ name: m[1]!, type: m[2] ?? null, init: m[3]?.trim() ?? null });
  }
  return out;
}
