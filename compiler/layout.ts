/**
 * Host-shareable memory layout (WGSL spec §14.4 "Memory Layout") of WGSL types; the layouts as data
 * and uniform packing live in core/host-layout (re-exported here).
 *
 * The same layout applies to the uniform and storage address spaces: with the
 * `uniform_buffer_standard_layout` language feature (Chrome ships it) the uniform address space has no
 * extra constraints (§14.4.4 "Address Space Layout Constraints" for the others), so an array<f32, 4> in a
 * uniform struct has stride 4 on every side. This module is isomorphic: the page and the daemon both use
 * `packUniform` to fill uniform buffers.
 */
import type { HostScalar, MemberLayout, TypeLayout } from '../core/host-layout';
import { type ScalarKind, type Type, typeName } from './front/types';

export {
  f32ToF16Bits,
  type HostScalar,
  type MemberLayout,
  PackError,
  packUniform,
  quantizeF16,
  type TypeLayout,
} from '../core/host-layout';

export const roundUp = (k: number, n: number): number => Math.ceil(n / k) * k;

function scalarBytes(s: ScalarKind): number {
  return s === 'f16' ? 2 : 4;
}

function hostScalar(s: ScalarKind): HostScalar {
  if (s === 'abstract-int') return 'i32';
  if (s === 'abstract-float') return 'f32';
  return s;
}

/**
 * Align and size of a type, WGSL §14.4.1 "Alignment and Size". A runtime-sized array gets the size of
 * one element so `minBytes` of a binding can be derived from it.
 */
export function layoutOf(t: Type): TypeLayout {
  const type = typeName(t);
  switch (t.k) {
    case 'scalar': {
      const b = scalarBytes(t.s);
      return { kind: 'scalar', type, scalar: hostScalar(t.s), size: b, align: b };
    }
    case 'atomic':
      return { kind: 'atomic', type, scalar: t.e, size: 4, align: 4 };
    case 'vec': {
      // vec2: align 2s; vec3: size 3s, align 4s; vec4: 4s.
      const b = scalarBytes(t.e);
      const align = (t.n === 2 ? 2 : 4) * b;
      return { kind: 'vector', type, scalar: hostScalar(t.e), count: t.n, size: t.n * b, align };
    }
    case 'mat': {
      // matCxR: align = AlignOf(vecR), size = C × roundUp(AlignOf(vecR), SizeOf(vecR)).
      const b = scalarBytes(t.e);
      const colAlign = (t.r === 2 ? 2 : 4) * b;
      const columnStride = roundUp(colAlign, t.r * b);
      return {
        kind: 'matrix',
        type,
        scalar: hostScalar(t.e),
        columns: t.c,
        rows: t.r,
        columnStride,
        size: t.c * columnStride,
        align: colAlign,
      };
    }
    case 'array': {
      // array<E, N>: align = AlignOf(E), stride = roundUp(AlignOf(E), SizeOf(E)), size = N × stride.
      const element = layoutOf(t.e);
      const stride = roundUp(element.align, element.size);
      const size = (t.count ?? 1) * stride;
      return { kind: 'array', type, element, count: t.count, stride, size, align: element.align };
    }
    case 'struct': {
      // Member offset = roundUp(align_i, end of previous member); struct align = max member align;
      // struct size = roundUp(align, end of last member). @align/@size override a member's align/size.
      let offset = 0;
      let align = 1;
      const members: MemberLayout[] = [];
      for (const m of t.members) {
        const ml = layoutOf(m.type);
        const mAlign = m.align ?? ml.align;
        const mSize = m.size ?? ml.size;
        offset = roundUp(mAlign, offset);
        members.push({ name: m.name, offset, layout: ml });
        offset += mSize;
        align = Math.max(align, mAlign);
      }
      return { kind: 'struct', type, members, size: roundUp(align, offset), align };
    }
    case 'buffer': {
      // `buffer<N>` / `buffer` (language feature buffer_view): bytes, described for reflection and the
      // workload form as u32 words (f16 halves when N % 4 is 2); an unsized one counts one word.
      const half = t.size !== null && t.size % 4 !== 0;
      const b = half ? 2 : 4;
      const s: HostScalar = half ? 'f16' : 'u32';
      const element: TypeLayout = { kind: 'scalar', type: s, scalar: s, size: b, align: b };
      const count = t.size === null ? null : t.size / b;
      return { kind: 'array', type, element, count, stride: b, size: t.size ?? b, align: 4 };
    }
    case 'ptr':
    case 'void':
    case 'texture':
    case 'storage_texture':
    case 'sampler':
      throw new Error(`type ${type} has no memory layout`);
  }
}
