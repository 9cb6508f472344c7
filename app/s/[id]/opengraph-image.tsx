/**
 * Link preview of a shared sweep: what was swept, on which devices, and its chart — both sides'
 * total time against size on log-log axes with the measured crossover (core/loglog-svg.ts, the
 * CLI's chart code, drawn into the preview as an SVG image).
 */
import { ImageResponse } from 'next/og';
import { crossingX, findCrossover } from '#core/crossover';
import { renderLogLogSvg } from '#core/loglog-svg';
import { readSweep } from '#server/share/read';
import { notFoundImage } from '../../share/og-not-found';
import { seriesFor } from '../../sweep/sweep-point';
import { pointOf } from '../../sweep/sweep-share';

export const alt = 'Duet shared sweep: where the remote GPU overtakes the browser';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const r = await readSweep((await params).id);
  if (!r.ok) {
    return notFoundImage('Duet · shared sweep not found', size);
  }
  const { sweep } = r;
  const series = seriesFor(sweep.points.map(pointOf), 'total');
  const line = (side: 'local' | 'remote') =>
    series.flatMap((p) => (p[side] !== null ? [[p.x, p[side]] as const] : []));
  const x = crossingX(findCrossover(series));
  const svg = renderLogLogSvg({
    title: '',
    xLabel: sweep.param,
    yLabel: 'ms (total)',
    series: [
      { label: 'browser total', color: '#0284c7', points: line('local') },
      { label: 'remote total', color: '#ea580c', points: line('remote') },
    ],
    ...(x !== null ? { markers: [{ x, label: 'crossover', color: '#dc2626' }] } : {}),
    width: 1100,
    height: 440,
  });
  const chart = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return new ImageResponse(
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        width: '100%',
        height: '100%',
        padding: 40,
        background: '#ffffff',
        color: '#18181b',
      }}
    >
      <div style={{ fontSize: 48, fontWeight: 700 }}>
        {`${sweep.preset.name.slice(0, 30)} · ${sweep.param} sweep, ${sweep.points.length} sizes`}
      </div>
      {/* biome-ignore lint/performance/noImgElement: ImageResponse (satori) draws plain <img> */}
      <img src={chart} alt="" width={1100} height={440} style={{ marginTop: 16 }} />
      <div style={{ fontSize: 24, color: '#52525b', marginTop: 8 }}>
        Duet · one WGSL kernel, in the browser and on a remote GPU
      </div>
    </div>,
    size,
  );
}
