/**
 * `duet bench --chart out.svg`: the sweep's local (WebGPU) and remote totals and kernel times on
 * log-log axes, with the crossovers marked (core/crossover.ts) or "no crossover in this range".
 * Pure: rows in, SVG text out (drawn by core/loglog-svg.ts).
 */
import { describeCrossover, findCrossover, formatSize, type SeriesPoint } from '../core/crossover';
import { renderLogLogSvg, type SvgMarker, type SvgSeries } from '../core/loglog-svg';
import type { BenchRow } from './bench-report';

const LOCAL = '#0284c7';
const REMOTE = '#ea580c';

const total = (r: BenchRow) => r.uploadMs + r.kernelMedianMs + r.downloadMs;

function byValue(rows: readonly BenchRow[], param: string, f: (r: BenchRow) => number) {
  const m = new Map<number, number>();
  for (const r of rows) {
    const x = r.params[param];
    if (x !== undefined && !r.error && f(r) > 0) m.set(x, f(r));
  }
  return m;
}

export interface BenchChartInput {
  name: string;
  param: string;
  local: readonly BenchRow[];
  remote: readonly BenchRow[];
}

export function benchChartSvg({ name, param, local, remote }: BenchChartInput): string {
  const sides = { local, remote };
  const series: SvgSeries[] = [];
  const markers: SvgMarker[] = [];
  const notes: string[] = [];
  for (const [what, f, dashed] of [
    ['total', total, false],
    ['kernel', (r: BenchRow) => r.kernelMedianMs, true],
  ] as const) {
    const l = byValue(sides.local, param, f);
    const r = byValue(sides.remote, param, f);
    series.push(
      { label: `local ${what} (${local[0]?.backend || 'webgpu'})`, color: LOCAL, points: [...l], dashed },
      { label: `remote ${what} (${remote[0]?.backend || 'remote'})`, color: REMOTE, points: [...r], dashed },
    );
    const xs = [...new Set([...l.keys(), ...r.keys()])];
    const pts: SeriesPoint[] = xs.map((x) => ({ x, local: l.get(x) ?? null, remote: r.get(x) ?? null }));
    const c = findCrossover(pts);
    if (c.kind === 'crossover') markers.push({ x: c.x, label: `${what} ≈${formatSize(c.x)}` });
    notes.push(describeCrossover(c, what));
  }
  return renderLogLogSvg({
    title: `${name}: time vs ${param}, local vs remote`,
    xLabel: param,
    yLabel: 'ms',
    series,
    markers,
    notes,
  });
}
