'use client';
/**
 * Roofline for one side of the sweep: each point's achieved GFLOP/s at its arithmetic intensity
 * (the preset's metrics), under the roof min(peak GFLOP/s, intensity × peak GB/s). Peaks come from
 * the device where it says enough (CUDA: SMs × FP32 lanes × 2 × clock) or from the reader.
 */
import { useMemo, useState } from 'react';
import { renderLogLogSvg, type SvgSeries } from '../../core/loglog-svg';
import { achieved, estimatePeakGflops, fractionOfRoof, type Peaks, ridge } from '../../core/roofline';
import type { SweepPoint } from './sweep-point';

type Side = 'local' | 'remote';

function deviceOf(points: SweepPoint[], side: Side) {
  for (const p of points) if (p[side].status === 'done') return p[side].device;
  return null;
}

export function RooflineView({ points }: { points: SweepPoint[] }) {
  const [side, setSide] = useState<Side>('remote');
  const device = deviceOf(points, side);
  const estimate = estimatePeakGflops(device);
  const [flopsText, setFlopsText] = useState('');
  const [bwText, setBwText] = useState('');
  const peakGflops = Number(flopsText) > 0 ? Number(flopsText) : estimate;
  const peakGbs = Number(bwText) > 0 ? Number(bwText) : null;
  const peaks: Peaks | null = peakGflops && peakGbs ? { gflops: peakGflops, gbs: peakGbs } : null;

  const rows = useMemo(
    () =>
      points.flatMap((p) => {
        const o = p[side];
        if (o.status !== 'done') return [];
        return [{ value: p.value, a: achieved(p.metrics, o.phases.kernelMs) }];
      }),
    [points, side],
  );

  const svg = useMemo(() => {
    const dots = rows.filter((r) => r.a.intensity !== null && r.a.gflops !== null);
    if (!peaks || dots.length === 0) return null;
    const is = dots.map((r) => r.a.intensity!);
    const lo = Math.min(...is, ridge(peaks)) / 10;
    const hi = Math.max(...is, ridge(peaks)) * 10;
    const roofLine: SvgSeries = {
      label: 'roof',
      color: '#52525b',
      points: [
        [lo, lo * peaks.gbs],
        [ridge(peaks), peaks.gflops],
        [hi, peaks.gflops],
      ],
    };
    const achievedDots: SvgSeries = {
      label: `${side} achieved`,
      color: side === 'local' ? '#0284c7' : '#ea580c',
      mode: 'points',
      points: dots.map((r) => [r.a.intensity!, r.a.gflops!] as const),
    };
    return renderLogLogSvg({
      title: `Roofline — ${side} (${device?.name ?? 'device'}): peaks ${peaks.gflops.toFixed(0)} GFLOP/s, ${peaks.gbs} GB/s`,
      xLabel: 'flops per byte',
      yLabel: 'GFLOP/s',
      series: [roofLine, achievedDots],
      width: 760,
      height: 380,
    });
  }, [rows, peaks, side, device]);

  const input =
    'w-28 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900';
  return (
    <section aria-label="Roofline" data-testid="roofline" className="flex flex-col gap-2 text-sm">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex items-center gap-2">
          <span className="text-xs font-medium text-zinc-500">Side</span>
          <select
            className={input}
            value={side}
            onChange={(e) => setSide(e.target.value as Side)}
            data-testid="roofline-side"
          >
            <option value="remote">remote</option>
            <option value="local">local</option>
          </select>
        </label>
        <label className="flex items-center gap-2">
          <span className="text-xs font-medium text-zinc-500">Peak GFLOP/s</span>
          <input
            className={input}
            type="number"
            min="0"
            step="any"
            placeholder={estimate ? estimate.toFixed(0) : 'enter'}
            value={flopsText}
            onChange={(e) => setFlopsText(e.target.value)}
            data-testid="peak-gflops"
          />
        </label>
        <label className="flex items-center gap-2">
          <span className="text-xs font-medium text-zinc-500">Peak memory GB/s</span>
          <input
            className={input}
            type="number"
            min="0"
            step="any"
            placeholder="enter"
            value={bwText}
            onChange={(e) => setBwText(e.target.value)}
            data-testid="peak-gbs"
          />
        </label>
      </div>
      <p className="text-xs text-zinc-500">
        {estimate
          ? `Peak FP32 estimated from the device: ${estimate.toFixed(0)} GFLOP/s (SMs × FP32 lanes × 2 × clock); type another to override.`
          : 'This device does not report enough to estimate its peak (WebGPU adapters and CPU emulation do not); enter its peaks.'}{' '}
        Peak memory bandwidth is yours to enter: it is not derived from the device (a CUDA device reports its
        memory clock and bus width; CPU emulation and WebGPU adapters do not). The bandwidth-copy preset
        measures a practical one.
      </p>
      <table className="w-full text-sm" data-testid="roofline-table">
        <thead className="text-xs text-zinc-500">
          <tr>
            <th className="text-left font-medium">size</th>
            <th className="text-right font-medium">GB/s</th>
            <th className="text-right font-medium">GFLOP/s</th>
            <th className="text-right font-medium">flops/byte</th>
            <th className="text-right font-medium">of roof</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ value, a }) => {
            const f = peaks ? fractionOfRoof(a, peaks) : null;
            return (
              <tr key={value} className="border-t border-zinc-200 tabular-nums dark:border-zinc-800">
                <td>{value.toLocaleString('en-US')}</td>
                <td className="text-right">{a.gbs?.toPrecision(3) ?? '—'}</td>
                <td className="text-right">{a.gflops?.toPrecision(3) ?? '—'}</td>
                <td className="text-right">{a.intensity?.toPrecision(3) ?? '—'}</td>
                <td className="text-right">{f === null ? '—' : `${(f * 100).toFixed(1)} %`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {svg ? (
        // The SVG is drawn by core/loglog-svg.ts (shared with `duet bench --chart`), shown as an image.
        <div data-testid="roofline-chart" className="overflow-x-auto">
          {/* biome-ignore lint/performance/noImgElement: a data: URL of a generated SVG; nothing to optimise */}
          <img
            alt={`Roofline of the ${side} side: achieved GFLOP/s against flops per byte under the roof`}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
            width={760}
            height={380}
          />
        </div>
      ) : (
        <p className="text-zinc-500" data-testid="roofline-needs-peaks">
          {peaks
            ? 'This preset declares no flops, so it has no place on a roofline.'
            : 'Enter both peaks to draw the roof.'}
        </p>
      )}
    </section>
  );
}
