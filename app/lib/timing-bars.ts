/**
 * Geometry of the timing bars: one warm bar per side (upload, kernel, download, queue, transport) on a
 * shared scale, so the bar lengths agree with the warm verdict, and the cold cost (translate +
 * compile) as a row of its own per side on a separate scale — a 900 ms compile miss would otherwise
 * squash the warm bars to slivers and look like part of the comparison.
 */
import type { Timings } from '../../core/result';
import { coldMs, type Phase, warmSpans, warmTotalMs } from '../../core/timing-summary';

export interface BarSegment {
  phase: Phase;
  ms: number;
  x: number;
  width: number;
}

export interface BarRow {
  side: 'browser' | 'remote';
  totalMs: number;
  /** Where the row's drawn segments end (the total's label goes after it). */
  end: number;
  segments: BarSegment[];
}

export interface BarsLayout {
  warm: BarRow[];
  cold: BarRow[];
}

/** Lays both sides out in `[x0, x0 + span]`; a non-empty segment is at least 1 px so it stays visible. */
export function barsLayout(local: Timings, remote: Timings, x0: number, span: number): BarsLayout {
  const sides = [
    { side: 'browser' as const, t: local },
    { side: 'remote' as const, t: remote },
  ];
  const warmScale = span / Math.max(warmTotalMs(local), warmTotalMs(remote), 1e-9);
  const coldScale = span / Math.max(coldMs(local), coldMs(remote), 1e-9);
  const row = (side: BarRow['side'], spans: { phase: Phase; ms: number }[], scale: number): BarRow => {
    let x = x0;
    const segments = spans.map((s) => {
      const seg = { phase: s.phase, ms: s.ms, x, width: Math.max(1, s.ms * scale) };
      x += seg.width;
      return seg;
    });
    return { side, totalMs: spans.reduce((n, s) => n + s.ms, 0), end: x, segments };
  };
  return {
    warm: sides.map(({ side, t }) => row(side, warmSpans(t), warmScale)),
    cold: sides.map(({ side, t }) =>
      row(side, coldMs(t) > 0 ? [{ phase: 'compile', ms: coldMs(t) }] : [], coldScale),
    ),
  };
}
