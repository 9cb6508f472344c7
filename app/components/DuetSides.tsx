'use client';
/** Both sides of the duet, one card each: this browser's WebGPU and the remote daemon. */
import type { Workload } from '../../core/workload';
import type { useDaemons } from '../hooks/useDaemons';
import type { LocalAdapter } from '../hooks/useLocalAdapter';
import { choiceLabel } from '../lib/daemon-choice';
import { NO_WEBGPU_HINT } from '../lib/local-side';
import type { LocalState, RemoteState } from '../lib/side-state';
import { DaemonNotice } from './DaemonPicker';
import { LocalAdapterCard, RemoteDeviceCard } from './DeviceCards';
import { InlineCode } from './InlineCode';
import { SidePanel } from './SidePanel';

export function DuetSides({
  shown,
  adapter,
  daemons,
  webGpuPresent,
  onCancel,
  onRetry,
}: {
  shown: { workload: Workload | null; local: LocalState; remote: RemoteState };
  adapter: LocalAdapter;
  daemons: ReturnType<typeof useDaemons>;
  webGpuPresent: boolean;
  onCancel(): void;
  /** Absent while a run from the history is shown (a retry would not re-run that one). */
  onRetry: (() => void) | undefined;
}) {
  return (
    <div className="grid gap-3 @lg:grid-cols-2 @md:in-[.present]:grid-cols-2" data-testid="sides">
      <SidePanel
        side="local"
        title="This browser · WebGPU"
        state={shown.local}
        workload={shown.workload}
        idleText="Runs on this browser's GPU through WebGPU."
        device={<LocalAdapterCard adapter={adapter} />}
        onCancel={onCancel}
        onRetry={onRetry}
        notice={
          !webGpuPresent &&
          shown.local.status !== 'error' && (
            <p
              role="status"
              data-testid="no-webgpu"
              className="rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
            >
              <InlineCode text={NO_WEBGPU_HINT} />
            </p>
          )
        }
      />
      <SidePanel
        side="remote"
        title={`Remote · ${choiceLabel(daemons.choice, daemons.daemons)}`}
        state={shown.remote}
        workload={shown.workload}
        idleText={
          daemons.auto
            ? 'Runs on the least-loaded Duet daemon, picked by the web server for each run.'
            : 'Runs on the chosen Duet daemon: a CUDA GPU, or CPU emulation where there is none.'
        }
        device={<RemoteDeviceCard daemons={daemons} />}
        onCancel={onCancel}
        onRetry={onRetry}
        notice={shown.remote.status !== 'error' && <DaemonNotice daemons={daemons} />}
      />
    </div>
  );
}
