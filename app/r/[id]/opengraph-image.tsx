/** Link preview of a shared run: kernel name, both devices, their kernel medians and the verdict. */
import { ImageResponse } from 'next/og';
import { readRun } from '#server/share/read';
import { summaryOf } from '#server/share/record';
import { formatMs } from '../../lib/format';

export const alt = 'Duet shared run: one WGSL kernel on two GPUs';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

function Side({ label, device, ms }: { label: string; device: string; ms: number }) {
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        flex: 1,
        padding: 32,
        borderRadius: 24,
        background: '#18181b',
      }}
    >
      <div style={{ fontSize: 28, color: '#a1a1aa' }}>{label}</div>
      <div style={{ fontSize: 34, color: '#fafafa', marginTop: 8 }}>{device.slice(0, 40)}</div>
      <div style={{ fontSize: 72, color: '#38bdf8', marginTop: 24 }}>{formatMs(ms)}</div>
      <div style={{ fontSize: 24, color: '#a1a1aa' }}>kernel median</div>
    </div>
  );
}

export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const r = await readRun((await params).id);
  if (!r.ok) {
    return new ImageResponse(
      <div
        style={{
          display: 'flex',
          width: '100%',
          height: '100%',
          alignItems: 'center',
          justifyContent: 'center',
          background: '#09090b',
          color: '#fafafa',
          fontSize: 56,
        }}
      >
        Duet · shared run not found
      </div>,
      { ...size, status: 404 },
    );
  }
  const s = summaryOf(r.run);
  const agree = s.verdict === 'agree';
  return new ImageResponse(
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        width: '100%',
        height: '100%',
        padding: 56,
        background: '#09090b',
        color: '#fafafa',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <div style={{ fontSize: 64, fontWeight: 700 }}>{s.name.slice(0, 32)}</div>
        <div
          style={{
            fontSize: 36,
            padding: '8px 24px',
            borderRadius: 16,
            background: agree ? '#065f46' : '#9f1239',
          }}
        >
          {agree ? 'outputs agree' : 'outputs disagree'}
        </div>
      </div>
      <div style={{ display: 'flex', gap: 32, marginTop: 48, flex: 1 }}>
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
      <div style={{ fontSize: 28, color: '#a1a1aa', marginTop: 32 }}>Duet · one WGSL kernel, two GPUs</div>
    </div>,
    size,
  );
}
