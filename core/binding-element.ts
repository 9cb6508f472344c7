/**
 * The host element type a storage binding's WGSL type holds (f32 for `array<vec4<f32>>`, u32 for
 * atomics and bools), shared by the page's workload form (which offers it) and the daemon (which
 * warns when a workload says otherwise).
 */
import type { TypeLayout } from './host-layout';
import { ELEMENT_BYTES, type ElementType } from './workload';

/** The host element type and how many of them one array element holds, for a storage binding's layout. */
export function elementOf(layout: TypeLayout): { element: ElementType; perItem: number } {
  let l = layout;
  if (l.kind === 'struct' && l.members.length > 0) {
    const last = l.members[l.members.length - 1]!.layout;
    if (last.kind === 'array' && last.count === null) l = last;
  }
  const item = l.kind === 'array' ? l.element : l;
  const stride = l.kind === 'array' ? l.stride : l.size;
  if (item.kind === 'scalar' || item.kind === 'atomic') {
    const s = item.scalar === 'bool' ? 'u32' : item.scalar;
    if (ELEMENT_BYTES[s] === stride) return { element: s, perItem: 1 };
  }
  if (item.kind === 'vector' && item.scalar !== 'bool') {
    const bytes = ELEMENT_BYTES[item.scalar];
    if (stride % bytes === 0) return { element: item.scalar, perItem: stride / bytes };
  }
  return { element: 'bytes', perItem: stride };
}

/**
 * An untyped `buffer` / `buffer<N>` (WGSL language feature buffer_view; compiler/layout.ts describes
 * it as u32 words): bytes that any element type may fill, so no element is "wrong" for it.
 */
export function isUntypedBuffer(layout: TypeLayout): boolean {
  return layout.kind === 'array' && /^buffer(<\d+>)?$/.test(layout.type);
}
