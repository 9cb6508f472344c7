/** One side of a stored run, read-only: device, timings (the playground's tables), output sample. */

import type { Workload } from '../../core/workload';
import type { SharedSide } from '../../server/share/record';
import { DeviceSummary } from '../components/DeviceSummary';
import { Panel } from '../components/Panel';
import { SideWarnings } from '../components/SideWarnings';
import { TimingsTable } from '../components/TimingsTable';
import { OutputSamples } from './OutputSamples';

export function SharedSidePanel({
  side,
  which,
  title,
  workload,
}: {
  side: SharedSide;
  which: 'local' | 'remote';
  title: string;
  workload: Workload;
}) {
  const remote = side.remote
    ? {
        runId: '',
        daemonUrl: '',
        translate: side.remote.translate,
        serverRoundTripMs: side.remote.serverRoundTripMs,
        browserRoundTripMs: side.remote.browserRoundTripMs,
      }
    : undefined;
  return (
    <Panel title={title} labelId={`shared-${which}-title`} testId={`shared-${which}`}>
      <div className="space-y-3 p-3">
        <DeviceSummary backend={side.backend} device={side.device} />
        <SideWarnings warnings={side.warnings} testId={`shared-${which}-warnings`} />
        <TimingsTable timings={side.timings} remote={remote} metrics={workload.metrics} />
        <OutputSamples outputs={side.outputs} which={which} />
      </div>
    </Panel>
  );
}
