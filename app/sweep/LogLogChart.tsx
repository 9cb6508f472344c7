'use client';
/**
 * A log-log line chart drawn by uPlot, loaded on demand (it stays out of every other route's
 * JavaScript), with vertical markers (crossovers) laid over the plot as DOM elements so they can
 * be read and tested like the rest of the page.
 */
import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartLine {
  label: string;
  color: string;
  values: (number | null)[];
  dash?: number[];
}

export interface ChartMarker {
  x: number;
  label: string;
  testId: string;
  color: string;
}

interface Props {
  testId: string;
  x: number[];
  xLabel: string;
  yLabel: string;
  lines: ChartLine[];
  markers?: ChartMarker[];
  height?: number;
}

function drawMarkers(u: uPlot, markers: ChartMarker[]) {
  for (const el of u.over.querySelectorAll('[data-marker]')) el.remove();
  for (const m of markers) {
    const left = u.valToPos(m.x, 'x');
    if (!Number.isFinite(left)) continue;
    const el = document.createElement('div');
    el.dataset.marker = '1';
    el.setAttribute('data-testid', m.testId);
    el.setAttribute('data-x', String(m.x));
    el.title = m.label;
    el.style.cssText = `position:absolute;top:0;bottom:0;left:${left}px;border-left:2px dashed ${m.color};pointer-events:none`;
    const tag = document.createElement('span');
    tag.textContent = m.label;
    tag.style.cssText = `position:absolute;top:2px;left:4px;white-space:nowrap;font-size:11px;color:${m.color};background:rgba(255,255,255,.85);padding:0 3px;border-radius:3px`;
    el.appendChild(tag);
    u.over.appendChild(el);
  }
}

export function LogLogChart({ testId, x, xLabel, yLabel, lines, markers = [], height = 340 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || x.length === 0) return;
    let chart: uPlot | null = null;
    let cancelled = false;
    const resize = new ResizeObserver(() => {
      if (chart && el.clientWidth > 0) chart.setSize({ width: el.clientWidth, height });
    });
    import('uplot')
      .then(({ default: UPlot }) => {
        if (cancelled) return;
        const opts: uPlot.Options = {
          width: Math.max(320, el.clientWidth),
          height,
          scales: { x: { time: false, distr: 3, log: 2 }, y: { distr: 3, log: 10 } },
          // Room on the right for the last x label, centred on the plot's edge (else it is clipped).
          padding: [12, 40, null, null],
          // The legend names the series; it does not follow the cursor (values showed as "--").
          legend: { live: false },
          axes: [
            { label: `${xLabel} (log₂)`, stroke: '#71717a', grid: { stroke: '#e4e4e733' } },
            { label: `${yLabel} (log₁₀)`, stroke: '#71717a', grid: { stroke: '#e4e4e733' }, size: 70 },
          ],
          series: [
            { label: xLabel },
            ...lines.map((l) => ({
              label: l.label,
              stroke: l.color,
              width: l.dash ? 1.5 : 2.5,
              ...(l.dash ? { dash: l.dash } : {}),
              spanGaps: false,
              points: { show: true, size: 5 },
            })),
          ],
          hooks: { draw: [(u: uPlot) => drawMarkers(u, markers)] },
        };
        const data: uPlot.AlignedData = [x, ...lines.map((l) => l.values)];
        chart = new UPlot(opts, data, el);
        resize.observe(el);
      })
      .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      resize.disconnect();
      chart?.destroy();
    };
  }, [x, lines, markers, xLabel, yLabel, height]);

  return (
    <div data-testid={testId} className="min-w-0">
      {failed && <p className="text-sm text-red-600">The chart could not load: {failed}</p>}
      <div ref={box} className="w-full [&_.u-legend]:text-xs" />
    </div>
  );
}
