'use client';
/** Before (and between) runs: what each side will run on — the local adapter, the remote daemon's device. */
import type { useDaemons } from '../hooks/useDaemons';
import type { LocalAdapter } from '../hooks/useLocalAdapter';
import { daemonLoad } from '../lib/daemon-choice';
import { DeviceSummary } from './DeviceSummary';

export function LocalAdapterCard({ adapter }: { adapter: LocalAdapter }) {
  if (adapter.state === 'checking')
    return <p className="text-xs text-zinc-600 dark:text-zinc-400">Looking for a WebGPU adapter…</p>;
  if (adapter.state === 'none') return null;
  return <DeviceSummary backend="webgpu" device={adapter.device} />;
}

/** With auto: the daemons the server chooses between, each with its device and current load. */
function AutoDaemonsCard({ daemons }: { daemons: ReturnType<typeof useDaemons> }) {
  return (
    <div className="space-y-1 text-xs" data-testid="auto-daemons">
      <p className="text-zinc-600 dark:text-zinc-400">
        Auto: each run goes to the reachable daemon with the fewest runs queued or running.
      </p>
      <ul className="space-y-0.5">
        {daemons.daemons.map((d) => {
          const load = daemonLoad(d);
          return (
            <li key={d.index} className="font-mono" data-testid="auto-daemon">
              #{d.index} {d.url} —{' '}
              {d.state === 'ready'
                ? [
                    d.info.backend === 'cpu' ? 'CPU emulation' : (d.info.backend ?? '?'),
                    d.info.device?.name,
                    load === 0 ? 'idle' : `${load} queued or running`,
                  ]
                    .filter(Boolean)
                    .join(' · ')
                : d.state}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function RemoteDeviceCard({ daemons }: { daemons: ReturnType<typeof useDaemons> }) {
  if (daemons.auto) return <AutoDaemonsCard daemons={daemons} />;
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
