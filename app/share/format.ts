/** Small formatting helpers for shared-run pages. */
import type { SharedSide } from '../../server/share/record';

export function sideLabel(side: SharedSide): string {
  if (side.backend === 'cpu') return `CPU emulation · ${side.device.cpuModel ?? side.device.name}`;
  if (side.backend === 'cuda') return `CUDA · ${side.device.name}`;
  return `WebGPU · ${side.device.name}`;
}

/** `b / a` as "×1.23", with which one is faster; null when either is not a positive number. */
export function ratio(a: number, b: number): { text: string; faster: 'a' | 'b' | 'same' } | null {
  if (!(a > 0) || !(b > 0)) return null;
  const r = b / a;
  const text = r >= 100 || r < 0.01 ? `×${r.toExponential(2)}` : `×${r.toPrecision(3)}`;
  return { text, faster: r < 1 ? 'b' : r > 1 ? 'a' : 'same' };
}

export function formatDate(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
