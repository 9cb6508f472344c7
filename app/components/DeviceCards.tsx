'use client';
/** Before (and between) runs: what each side will run on — the local adapter, the remote daemon's device. */
import type { useDaemons } from '../hooks/useDaemons';
import type { LocalAdapter } from '../hooks/useLocalAdapter';
import { DeviceSummary } from './DeviceSummary';

export function LocalAdapterCard({ adapter }: { adapter: LocalAdapter }) {
  if (adapter.state === 'checking')
    return <p className="text-xs text-zinc-600 dark:text-zinc-400">Looking for a WebGPU adapter…</p>;
  if (adapter.state === 'none') return null;
  return <DeviceSummary backend="webgpu" device={adapter.device} />;
}

export function RemoteDeviceCard({ daemons }: { daemons: ReturnType<typeof useDaemons> }) {
  const d = daemons.selected;
  if (d?.state !== 'ready') return null;
  const info = d.info;
  const host = `${d.url} · duet ${info.version}`;
  if (!info.device)
    return (
      <p className="text-xs">
        {host}: no device reported ({info.executor.state})
      </p>
    );
  return (
    <div className="space-y-1">
      <DeviceSummary backend={info.backend === 'cuda' ? 'cuda' : 'cpu'} device={info.device} host={host} />
      {info.queue.length + info.queue.running > 0 && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="daemon-queue">
          {info.queue.running} running, {info.queue.length} queued on this daemon
        </p>
      )}
    </div>
  );
}
