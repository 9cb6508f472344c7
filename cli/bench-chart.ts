/**
 * `duet bench --chart out.svg`: the sweep's local (WebGPU) and remote totals and kernel times on
 * log-log axes. The remote total is what the user waits for (the daemon's phases plus the transport
 * this client measured); beside it the same bytes projected over each host↔GPU link (TB4/USB4, TB5,
 * PCIe 4, PCIe 5: core/total-crossovers.ts), each crossover marked or stated as none.
 * Pure: rows in, SVG text out (drawn by core/loglog-svg.ts).
 */
import { crossingX, describeCrossover, findCrossover, formatSize, type SeriesPoint } from '../core/crossover';
import { renderLogLogSvg, type SvgMarker, type SvgSeries } from '../core/loglog-svg';
import { type SweepSample, type TotalCrossover, totalCrossovers } from '../core/total-crossovers';
import { type BenchRow, rowPhases, rowTotalMs } from './bench-report';

const LOCAL = '#0284c7';
const REMOTE = '#ea580c';
/** One colour per projected link, in core/links.ts order. */
const LINK_COLORS = ['#a16207', '#65a30d', '#7c3aed', '#db2777'];

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

/** The sweep as the link model's samples: one per swept value, a failed side as null. */
function samples(param: string, local: readonly BenchRow[], remote: readonly BenchRow[]): SweepSample[] {
  const ok = (rows: readonly BenchRow[]) => {
    const m = new Map<number, BenchRow>();
    for (const r of rows) if (r.params[param] !== undefined && !r.error) m.set(r.params[param], r);
    return m;
  };
  const [l, r] = [ok(local), ok(remote)];
  const xs = [...new Set([...l.keys(), ...r.keys()])].filter((x) => x > 0).sort((a, b) => a - b);
  return xs.map((x) => {
    const any = (r.get(x) ?? l.get(x))!;
    const lr = l.get(x);
    const rr = r.get(x);
    return {
      x,
      bytesUp: any.bytesUp,
      bytesDown: any.bytesDown,
      local: lr ? rowPhases(lr) : null,
      remote: rr ? rowPhases(rr) : null,
    };
  });
}

/** The total crossovers (measured, then per link) of a sweep, for the chart, --json and the table. */
export function sweepCrossovers(
  param: string,
  local: readonly BenchRow[],
  remote: readonly BenchRow[],
): { samples: SweepSample[]; crossovers: TotalCrossover[] } {
  const s = samples(param, local, remote);
  return { samples: s, crossovers: totalCrossovers(s) };
}

/** One sentence per total crossover: measured first, then each link's projection. */
export function crossoverLines(
  param: string,
  local: readonly BenchRow[],
  remote: readonly BenchRow[],
): string[] {
  return sweepCrossovers(param, local, remote).crossovers.map((c) =>
    describeCrossover(c.crossover, `total ${c.name}`, param),
  );
}

export function benchChartSvg({ name, param, local, remote }: BenchChartInput): string {
  const series: SvgSeries[] = [];
  const markers: SvgMarker[] = [];
  const notes: string[] = [];
  const lb = local[0]?.backend || 'webgpu';
  const rb = remote[0]?.backend || 'remote';
  const { samples: s, crossovers } = sweepCrossovers(param, local, remote);
  const pointsOf = (values: (number | null)[]) =>
    s.flatMap((p, i) => (values[i] ? [[p.x, values[i]] as [number, number]] : []));

  series.push(
    { label: `local total (${lb})`, color: LOCAL, points: [...byValue(local, param, rowTotalMs)] },
    {
      label: `remote+transport (${rb})`,
      color: REMOTE,
      points: pointsOf(crossovers[0]!.remoteMs),
    },
  );
  crossovers.slice(1).forEach((c, i) => {
    series.push({
      label: `via ${c.id} (model)`,
      color: LINK_COLORS[i % LINK_COLORS.length]!,
      points: pointsOf(c.remoteMs),
      dashed: true,
    });
  });
  for (const c of crossovers) {
    const x = crossingX(c.crossover);
    if (x !== null) markers.push({ x, label: `${c.id} ≈${formatSize(x)}` });
    notes.push(describeCrossover(c.crossover, `total ${c.name}`));
  }

  // The kernels alone, as before: where the remote device computes faster, links aside.
  const kernel = (r: BenchRow) => r.kernelMedianMs;
  const lk = byValue(local, param, kernel);
  const rk = byValue(remote, param, kernel);
  series.push(
    { label: `local kernel (${lb})`, color: LOCAL, points: [...lk], dashed: true },
    { label: `remote kernel (${rb})`, color: REMOTE, points: [...rk], dashed: true },
  );
  const xs = [...new Set([...lk.keys(), ...rk.keys()])];
  const pts: SeriesPoint[] = xs.map((x) => ({ x, local: lk.get(x) ?? null, remote: rk.get(x) ?? null }));
  const kc = findCrossover(pts);
  const kx = crossingX(kc);
  if (kx !== null) markers.push({ x: kx, label: `kernel ≈${formatSize(kx)}` });
  notes.push(describeCrossover(kc, 'kernel'));

  return renderLogLogSvg({
    title: `${name}: time vs ${param}, local vs remote (measured and projected per link)`,
    xLabel: param,
    yLabel: 'ms',
    series,
    markers,
    notes,
    width: 900,
    height: 560,
  });
}
