/**
 * Link preview of a shared run: the kernel, the headline ratio ("Remote 3.4× faster, warm": warm end-to-end totals), both devices
 * and their kernel medians, the outputs' verdict and, for image kernels, the output itself
 * (the record's thumbnail, PNG-encoded here: server/share/png.ts).
 */
import { ImageResponse } from 'next/og';
import { encodePng } from '#server/share/png';
import { readRun } from '#server/share/read';
import { runThumbnail, summaryOf } from '#server/share/record';
import { formatMs } from '../../../core/format';
import { headlineOf } from '../../../core/speed-headline';
import { notFoundImage } from '../../share/og-not-found';

export const alt = 'Duet shared run: one WGSL kernel on two GPUs';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

function Side({ label, device, ms }: { label: string; device: string; ms: number }) {
  return (
    <div
      style={{
        display: 'flex',
        flex: 1,
        alignItems: 'center',
        justifyContent: 'space-between',
        padding: '16px 24px',
        borderRadius: 24,
        background: '#18181b',
      }}
    >
      <div style={{ display: 'flex', flexDirection: 'column' }}>
        <div style={{ fontSize: 24, color: '#a1a1aa' }}>{label}</div>
        <div style={{ fontSize: 28, color: '#fafafa', marginTop: 4 }}>{device.slice(0, 30)}</div>
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end' }}>
        <div style={{ fontSize: 48, color: '#38bdf8' }}>{formatMs(ms)}</div>
        <div style={{ fontSize: 20, color: '#a1a1aa' }}>kernel median</div>
      </div>
    </div>
  );
}

export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const r = await readRun((await params).id);
  if (!r.ok) {
    return notFoundImage('Duet · shared run not found', size);
  }
  const s = summaryOf(r.run);
  const agree = s.verdict === 'agree';
  const headline = headlineOf(r.run.local.timings, r.run.remote.timings);
  const thumb = runThumbnail(r.run);
  const picture = thumb
    ? `data:image/png;base64,${encodePng(Buffer.from(thumb.rgba, 'base64'), thumb.width, thumb.height).toString('base64')}`
    : null;
  // The picture fills a 300 px box, its aspect kept.
  const scale = thumb ? 300 / Math.max(thumb.width, thumb.height) : 1;
  return new ImageResponse(
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        width: '100%',
        height: '100%',
        padding: 48,
        background: '#09090b',
        color: '#fafafa',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <div style={{ fontSize: 56, fontWeight: 700 }}>{s.name.slice(0, 30)}</div>
        <div
          style={{
            fontSize: 32,
            padding: '8px 24px',
            borderRadius: 16,
            background: agree ? '#065f46' : '#9f1239',
          }}
        >
          {agree ? 'outputs agree' : 'outputs disagree'}
        </div>
      </div>
      <div style={{ display: 'flex', fontSize: 72, fontWeight: 700, color: '#fbbf24', marginTop: 16 }}>
        {headline.faster === null ? headline.text : `${headline.text}, warm`}
      </div>
      <div style={{ display: 'flex', gap: 24, marginTop: 24, flex: 1 }}>
        {picture && thumb && (
          // biome-ignore lint/performance/noImgElement: ImageResponse (satori) draws plain <img>
          <img
            src={picture}
            alt=""
            width={Math.round(thumb.width * scale)}
            height={Math.round(thumb.height * scale)}
            style={{ borderRadius: 16, imageRendering: 'pixelated' }}
          />
        )}
        <div style={{ display: 'flex', flexDirection: 'column', gap: 16, flex: 1 }}>
          <Side label="Browser · WebGPU" device={s.local.device} ms={s.local.kernelMs} />
          <Side
            label={
              s.remote.backend === 'cpu'
                ? 'Remote · CPU emulation'
                : `Remote · ${s.remote.backend.toUpperCase()}`
            }
            device={s.remote.device}
            ms={s.remote.kernelMs}
          />
        </div>
      </div>
      <div style={{ fontSize: 26, color: '#a1a1aa', marginTop: 20 }}>
        Duet · one WGSL kernel, in the browser and on a remote GPU · warm, end to end
      </div>
    </div>,
    size,
  );
}
