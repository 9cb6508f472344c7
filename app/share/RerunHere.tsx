'use client';
/**
 * "Run this yourself": runs a stored run's workload on this browser and a daemon the reader picks
 * (the playground's picker), then shows the stored run and the new one side by side with
 * kernel-time ratios (new ÷ stored).
 */
import { type OverallVerdict, overallVerdict } from '../../core/compare';
import { formatMs } from '../../core/format';
import type { Workload } from '../../core/workload';
import { ComparisonPending } from '../components/ComparisonPending';
import { DaemonPicker } from '../components/DaemonPicker';
import { SidePanel } from '../components/SidePanel';
import { VerdictPanel } from '../components/VerdictPanel';
import { useDaemons } from '../hooks/useDaemons';
import { useDuetRun } from '../hooks/useDuetRun';
import { choiceLabel } from '../lib/daemon-choice';
import { ratio } from './format';

export interface StoredSummary {
  local: { device: string; kernelMs: number };
  remote: { device: string; kernelMs: number };
  verdict: OverallVerdict;
}

function Row({
  label,
  stored,
  now,
}: {
  label: string;
  stored: { device: string; kernelMs: number };
  now: { device: string; kernelMs: number } | null;
}) {
  const r = now ? ratio(stored.kernelMs, now.kernelMs) : null;
  return (
    <tr className="border-t border-zinc-100 dark:border-zinc-800">
      <th scope="row" className="py-1 pr-3 text-left font-normal text-zinc-500">
        {label}
      </th>
      <td className="py-1 pr-3">{stored.device}</td>
      <td className="py-1 pr-3 text-right font-mono tabular-nums">{formatMs(stored.kernelMs)}</td>
      <td className="py-1 pr-3">{now?.device ?? '—'}</td>
      <td className="py-1 pr-3 text-right font-mono tabular-nums">{now ? formatMs(now.kernelMs) : '—'}</td>
      <td className="py-1 text-right font-mono tabular-nums" data-testid={`ratio-${label}`}>
        {r
          ? `${r.text} ${r.faster === 'b' ? '(faster here)' : r.faster === 'a' ? '(slower here)' : ''}`
          : '—'}
      </td>
    </tr>
  );
}

export function RerunHere({ workload, stored }: { workload: Workload; stored: StoredSummary }) {
  const daemons = useDaemons();
  const duet = useDuetRun();
  const started = duet.workload !== null;
  const side = (s: typeof duet.local | typeof duet.remote) =>
    s.status === 'done' ? { device: s.result.device.name, kernelMs: s.result.timings.kernel.median } : null;
  const verdictNow = duet.comparison ? overallVerdict(duet.comparison) : null;

  return (
    <section className="flex flex-col gap-3" data-testid="rerun" aria-labelledby="rerun-title">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="rerun-title" className="text-base font-semibold">
          Run this yourself
        </h2>
        <button
          type="button"
          data-testid="rerun-button"
          onClick={() => void duet.run(workload, daemons.choice)}
          disabled={duet.running || daemons.loading || daemons.choice === null}
          className="rounded-md bg-sky-600 px-4 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-sky-500 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {duet.running ? 'Running…' : started ? 'Run again' : 'Run it on this browser and the remote below'}
        </button>
        <DaemonPicker daemons={daemons} />
      </div>
      {started && (
        <>
          <table className="w-full max-w-4xl text-xs" data-testid="rerun-compare">
            <caption className="text-left text-zinc-500">
              Kernel median: stored run vs this re-run (ratio = new ÷ stored)
            </caption>
            <thead>
              <tr className="text-left text-zinc-500">
                <th scope="col" className="pr-3 font-normal">
                  side
                </th>
                <th scope="col" className="pr-3 font-normal">
                  stored device
                </th>
                <th scope="col" className="pr-3 text-right font-normal">
                  stored
                </th>
                <th scope="col" className="pr-3 font-normal">
                  device here
                </th>
                <th scope="col" className="pr-3 text-right font-normal">
                  here
                </th>
                <th scope="col" className="text-right font-normal">
                  ratio
                </th>
              </tr>
            </thead>
            <tbody>
              <Row label="browser" stored={stored.local} now={side(duet.local)} />
              <Row label="remote" stored={stored.remote} now={side(duet.remote)} />
              <tr className="border-t border-zinc-100 dark:border-zinc-800">
                <th scope="row" className="py-1 pr-3 text-left font-normal text-zinc-500">
                  verdict
                </th>
                <td colSpan={2} className="py-1 pr-3" data-testid="rerun-stored-verdict">
                  outputs {stored.verdict}
                </td>
                <td colSpan={3} className="py-1" data-testid="rerun-new-verdict">
                  {verdictNow ? `outputs ${verdictNow}` : duet.running ? 'running…' : '—'}
                </td>
              </tr>
            </tbody>
          </table>
          <div className="grid gap-3 md:grid-cols-2">
            <SidePanel
              side="local"
              title="Here · WebGPU"
              state={duet.local}
              workload={duet.workload}
              idleText=""
            />
            <SidePanel
              side="remote"
              title={`Here · ${choiceLabel(daemons.choice, daemons.daemons)}`}
              state={duet.remote}
              workload={duet.workload}
              idleText=""
            />
          </div>
          <VerdictPanel
            comparisons={duet.comparison}
            waiting={<ComparisonPending local={duet.local} remote={duet.remote} idleText="" />}
          />
        </>
      )}
    </section>
  );
}
