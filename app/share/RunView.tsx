/** A stored run, read-only: both sides, the comparison, the environment and the workload. */

import type { StoredRun } from '../../server/share/record';
import { Panel } from '../components/Panel';
import { VerdictPanel } from '../components/VerdictPanel';
import { OutputThumbnails } from './OutputThumbnails';
import { RunStory } from './RunStory';
import { SharedSidePanel } from './SharedSidePanel';

function Environment({ run }: { run: StoredRun }) {
  const { browser, daemon } = run.environment;
  const items: [string, string][] = [
    ['browser', browser ? `${browser.family}${browser.version ? ` ${browser.version}` : ''}` : 'unknown'],
    [
      'daemon / translator',
      daemon
        ? `${daemon.version}${daemon.translator && daemon.translator !== daemon.version ? ` / ${daemon.translator}` : ''}`
        : 'unknown',
    ],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="environment">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-500 dark:text-zinc-400">{k}</dt>
          <dd className="font-mono">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RunView({ run }: { run: StoredRun }) {
  const { wgsl, ...rest } = run.workload;
  return (
    <div className="flex flex-col gap-3" data-testid="shared-run">
      <RunStory run={run} />
      <OutputThumbnails local={run.local} remote={run.remote} />
      <div className="grid gap-3 md:grid-cols-2">
        <SharedSidePanel side={run.local} which="local" title="Browser · WebGPU" workload={run.workload} />
        <SharedSidePanel
          side={run.remote}
          which="remote"
          title={
            run.remote.backend === 'cpu'
              ? 'Remote · CPU emulation'
              : `Remote · ${run.remote.backend.toUpperCase()}`
          }
          workload={run.workload}
        />
      </div>
      <VerdictPanel comparisons={run.comparison} waiting="This run has no outputs to compare." />
      <Panel title="Environment and workload" labelId="shared-workload-title" testId="shared-workload">
        <div className="space-y-3 p-3">
          <Environment run={run} />
          <details open>
            <summary className="cursor-pointer text-sm">WGSL</summary>
            <pre
              className="mt-2 max-h-96 overflow-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900"
              data-testid="shared-wgsl"
            >
              {wgsl}
            </pre>
          </details>
          <details>
            <summary className="cursor-pointer text-sm">Workload JSON</summary>
            <pre className="mt-2 max-h-96 overflow-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900">
              {JSON.stringify(rest, null, 2)}
            </pre>
          </details>
        </div>
      </Panel>
    </div>
  );
}
