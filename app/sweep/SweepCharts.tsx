'use client';
/**
 * Time vs size for every phase and the total on both sides, and throughput vs size, on log-log
 * axes. The remote total is what the user waits for: the daemon's phases plus the transport
 * measured for the run; beside it the same bytes projected over each host↔GPU link
 * (core/total-crossovers.ts). The crossovers (measured total, each link's projection, kernel alone)
 * are stated, and marked on the time chart, or the page says there is none in this range.
 */
import { useMemo } from 'react';
import {
  type Crossover,
  crossingX,
  describeCrossover,
  findCrossover,
  formatSize,
} from '../../core/crossover';
import { LINKS, type LinkSpec } from '../../core/links';
import { totalCrossovers } from '../../core/total-crossovers';
import { type ChartLine, type ChartMarker, LogLogChart } from './LogLogChart';
import { type Phase, phaseMs, type SweepPoint, samplesOf, seriesFor, throughput } from './sweep-point';

const LOCAL = '#0284c7';
const REMOTE = '#ea580c';
const PHASES: { phase: Phase; dash?: number[] }[] = [
  { phase: 'total' },
  { phase: 'kernel', dash: [8, 4] },
  { phase: 'upload', dash: [2, 3] },
  { phase: 'download', dash: [1, 5] },
  { phase: 'transport', dash: [4, 2, 1, 2] },
];
/** One colour per projected link, in core/links.ts order. */
const LINK_COLORS = ['#a16207', '#65a30d', '#7c3aed', '#db2777'];

function marker(c: Crossover, what: string, testId: string, color: string): ChartMarker[] {
  const x = crossingX(c);
  return x === null ? [] : [{ x, label: `${what} ≈${formatSize(x)}`, testId, color }];
}

/** `links`: the link model to project over (a shared sweep's own, as stored; else core/links.ts). */
export function SweepCharts({
  points,
  param,
  unit,
  links: model = LINKS,
}: {
  points: SweepPoint[];
  param: string;
  unit?: string;
  links?: readonly LinkSpec[];
}) {
  const x = useMemo(() => points.map((p) => p.value), [points]);
  const totals = useMemo(() => totalCrossovers(samplesOf(points), model), [points, model]);
  const totalCross = totals[0]!.crossover;
  const links = totals.slice(1);
  const kernelCross = useMemo(() => findCrossover(seriesFor(points, 'kernel')), [points]);

  const timeLines = useMemo<ChartLine[]>(
    () => [
      ...PHASES.flatMap(({ phase, dash }) =>
        (['local', 'remote'] as const)
          // The browser's WebGPU run has no transport of its own.
          .filter((side) => !(side === 'local' && phase === 'transport'))
          .map((side) => ({
            label: `${side} ${phase}`,
            color: side === 'local' ? LOCAL : REMOTE,
            values: points.map((p) => phaseMs(p[side], phase)),
            ...(dash ? { dash } : {}),
          })),
      ),
      ...links.map((l, i) => ({
        label: `remote over ${l.id} (projected)`,
        color: LINK_COLORS[i % LINK_COLORS.length]!,
        values: l.remoteMs.map((v) => (v !== null && v > 0 ? v : null)),
        dash: [6, 3],
      })),
    ],
    [points, links],
  );
  const markers = useMemo(
    () => [
      ...marker(totalCross, 'total crossover', 'crossover-marker-total', '#dc2626'),
      ...marker(kernelCross, 'kernel crossover', 'crossover-marker-kernel', '#7c3aed'),
      ...links.flatMap((l, i) =>
        marker(
          l.crossover,
          `${l.id} crossover`,
          `crossover-marker-${l.id}`,
          LINK_COLORS[i % LINK_COLORS.length]!,
        ),
      ),
    ],
    [totalCross, kernelCross, links],
  );
  const rateLines = useMemo<ChartLine[]>(
    () =>
      (['bytes', 'flops'] as const).flatMap((metric) =>
        (['local', 'remote'] as const).map((side) => ({
          label: `${side} ${metric === 'bytes' ? 'GB/s' : 'GFLOP/s'}`,
          color: side === 'local' ? LOCAL : REMOTE,
          values: points.map((p) => throughput(p, side, metric)),
          ...(metric === 'flops' ? { dash: [8, 4] } : {}),
        })),
      ),
    [points],
  );
  const hasRates = rateLines.some((l) => l.values.some((v) => v !== null));
  const u = unit ? ` ${unit}` : '';
  const noCross = crossingX(totalCross) === null && crossingX(kernelCross) === null;

  return (
    <section className="flex flex-col gap-3" aria-label="Sweep charts">
      <ul className="flex flex-col gap-1 text-sm" data-testid="crossovers">
        <li data-testid="crossover-total" data-kind={totalCross.kind}>
          {describeCrossover(
            totalCross,
            'Total, measured (upload + kernel + download + transport)',
            `${param}${u}`.trim(),
          )}
        </li>
        {links.map((l) => (
          <li key={l.id} data-testid="crossover-link" data-link={l.id} data-kind={l.crossover.kind}>
            {describeCrossover(l.crossover, `Total ${l.name}`, `${param}${u}`.trim())}
          </li>
        ))}
        <li data-testid="crossover-kernel" data-kind={kernelCross.kind}>
          {describeCrossover(kernelCross, 'Kernel alone', `${param}${u}`.trim())}
        </li>
      </ul>
      {noCross && (
        <p data-testid="no-crossover" className="text-sm font-medium text-amber-700 dark:text-amber-300">
          No crossover in this range ({formatSize(Math.min(...x))} to {formatSize(Math.max(...x))}):{' '}
          {totalCross.kind === 'remote-from-start'
            ? 'the remote side is already faster at the smallest size.'
            : 'the remote side does not overtake the local one.'}
        </p>
      )}
      <figure className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
        <figcaption className="mb-1 text-sm font-medium">
          Time per phase vs {param} — <span style={{ color: LOCAL }}>local (WebGPU)</span> and{' '}
          <span style={{ color: REMOTE }}>remote (daemon)</span>; solid = total (remote: with the measured
          transport, the web server’s round trip to the daemon beyond the daemon’s own time), dashed = kernel,
          dotted = upload / download / transport; long dashes = the remote total projected over each link
          (kernel + the same bytes over TB4/USB4, TB5, PCIe 4.0, PCIe 5.0)
        </figcaption>
        <LogLogChart
          testId="time-chart"
          x={x}
          xLabel={param}
          yLabel="ms"
          lines={timeLines}
          markers={markers}
        />
      </figure>
      <figure className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
        <figcaption className="mb-1 text-sm font-medium">
          Throughput vs {param} (from the preset’s metrics)
        </figcaption>
        {hasRates ? (
          <LogLogChart
            testId="rate-chart"
            x={x}
            xLabel={param}
            yLabel="GB/s · GFLOP/s"
            lines={rateLines}
            height={260}
          />
        ) : (
          <p className="text-sm text-zinc-500">
            This preset declares no bytes or flops, so there is no throughput.
          </p>
        )}
      </figure>
    </section>
  );
}
