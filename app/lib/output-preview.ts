/** Decodes the first elements of an output binding for display. */
import { f16BitsToF32 } from '../../core/f16';
import { texelElement } from '../../core/texture-compare';
import { textureFormat } from '../../core/texture-formats';
import type { Workload } from '../../core/workload';

/** A buffer's element; a storage texture's texel element where its texels are one (r32float: f32), else bytes. */
export function elementOf(workload: Workload, name: string) {
  const b = workload.bindings.find((x) => x.name === name);
  const format = b?.kind === 'storage-texture' ? textureFormat(b.format ?? '') : undefined;
  return (format ? texelElement(format) : b?.element) ?? 'bytes';
}

function elementSize(element: string): number {
  return element === 'f16' ? 2 : element === 'bytes' ? 1 : 4;
}

export function elementCount(bytes: Uint8Array, element: string): number {
  return Math.floor(bytes.byteLength / elementSize(element));
}

export function firstElements(bytes: Uint8Array, element: string, count: number): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = elementSize(element);
  const n = Math.min(count, elementCount(bytes, element));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const o = i * size;
    switch (element) {
      case 'f32':
        out.push(view.getFloat32(o, true));
        break;
      case 'i32':
        out.push(view.getInt32(o, true));
        break;
      case 'u32':
        out.push(view.getUint32(o, true));
        break;
      case 'f16':
        out.push(f16BitsToF32(view.getUint16(o, true)));
        break;
      default:
        out.push(view.getUint8(o));
    }
  }
  return out;
}

export function formatValue(v: number, element: string): string {
  if (element === 'f32' || element === 'f16') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-4 || a >= 1e7)) return v.toExponential(5);
    return Number(v.toPrecision(7)).toString();
  }
  return String(v);
}
