/** Reads any buffer as f32 / i32 / u32 / hex words for the inspector, and writes CSV. */
import type { ElementType } from '../../core/workload';

export const VIEW_FORMATS = ['f32', 'i32', 'u32', 'hex'] as const;
export type ViewFormat = (typeof VIEW_FORMATS)[number];

/** The view a binding's element type reads as: its own type for 32-bit words, hex otherwise (f16 pairs, bytes). */
export function formatFor(element: ElementType | undefined): ViewFormat {
  return element === 'f32' || element === 'i32' || element === 'u32' ? element : 'hex';
}

export function wordCount(bytes: Uint8Array): number {
  return Math.ceil(bytes.byteLength / 4);
}

/** Word `i` (little-endian; a short last word is zero-padded) as text in `format`. */
export function formatWord(bytes: Uint8Array, i: number, format: ViewFormat): string {
  const word = new Uint8Array(4);
  word.set(bytes.subarray(i * 4, i * 4 + 4));
  const view = new DataView(word.buffer);
  switch (format) {
    case 'f32': {
      const v = view.getFloat32(0, true);
      if (Number.isNaN(v)) return 'NaN';
      if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
      return Number(v.toPrecision(9)).toString();
    }
    case 'i32':
      return String(view.getInt32(0, true));
    case 'u32':
      return String(view.getUint32(0, true));
    case 'hex':
      return `0x${view.getUint32(0, true).toString(16).padStart(8, '0')}`;
  }
}

export function pageOf(index: number, pageSize: number): number {
  return Math.max(0, Math.floor(index / pageSize));
}

export function toCsv(bytes: Uint8Array, format: ViewFormat): string {
  const n = wordCount(bytes);
  const rows = ['index,value'];
  for (let i = 0; i < n; i++) rows.push(`${i},${formatWord(bytes, i, format)}`);
  return `${rows.join('\n')}\n`;
}
