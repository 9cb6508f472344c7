'use client';
/** The sweep page: choose, run (with progress, cancellable), then charts, link model and roofline. */
import Link from 'next/link';
import { useCallback, useState } from 'react';
import { defaultParams } from '../../core/preset';
import type { PagePreset } from '../../server/presets';
import { DaemonPicker } from '../components/DaemonPicker';
import { useDaemons } from '../hooks/useDaemons';
import { LinkTable } from './LinkTable';
import { RooflineView } from './RooflineView';
import { SweepCharts } from './SweepCharts';
import { type SweepChoice, SweepForm } from './SweepForm';
import { SweepShare } from './SweepShare';
import { SweepTable } from './SweepTable';
import type { SweepSettings } from './sweep-url';
import { useSweep } from './useSweep';

export function SweepView({ presets, initial }: { presets: PagePreset[]; initial: SweepSettings | null }) {
  const daemons = useDaemons();
  const sweep = useSweep();
  const [choice, setChoice] = useState<SweepChoice | null>(null);
  const onChange = useCallback((c: SweepChoice | null) => setChoice(c), []);
  const running = sweep.state === 'running';
  const req = sweep.request;
  const unit = req?.preset.params[req.param]?.unit;

  const start = () => {
    if (!choice) return;
    void sweep.start({
      preset: choice.preset,
      param: choice.param,
      values: choice.values,
      base: defaultParams(choice.preset),
      daemon: daemons.choice,
    });
  };

  return (
    <div className="mx-auto flex max-w-[1400px] flex-col gap-4 p-3 sm:p-4">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-lg font-semibold tracking-tight">
          Duet sweep <span className="font-normal text-zinc-500">· when does the remote GPU win?</span>
        </h1>
        <div className="flex items-center gap-3">
          <DaemonPicker daemons={daemons} />
          <Link href="/" className="text-sm text-sky-700 underline dark:text-sky-400">
            Playground
          </Link>
        </div>
      </header>

      <SweepForm presets={presets} running={running} onChange={onChange} initial={initial} />

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          data-testid="sweep-run"
          disabled={!choice || running}
          onClick={start}
          className="rounded-md bg-sky-600 px-4 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-sky-500 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {running ? 'Sweeping…' : 'Run sweep'}
        </button>
        <button
          type="button"
          data-testid="sweep-cancel"
          disabled={!running}
          onClick={sweep.cancel}
          className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm disabled:opacity-40 dark:border-zinc-700"
        >
          Cancel
        </button>
        <p
          role="status"
          className="text-sm text-zinc-600 dark:text-zinc-300"
          data-testid="sweep-status"
          data-state={sweep.state}
        >
          {sweep.progress
            ? `Point ${sweep.progress.index + 1} of ${sweep.progress.of} (${req?.param} = ${sweep.progress.value.toLocaleString('en-US')}): ${sweep.progress.side} — ${sweep.progress.phase}`
            : sweep.state === 'done'
              ? `Done: ${sweep.points.length} points.`
              : sweep.state === 'cancelled'
                ? `Cancelled after ${sweep.points.length} points.`
                : 'Each point runs on this browser’s WebGPU, then on the daemon (one after the other, so they do not compete).'}
        </p>
        {sweep.progress && (
          <progress
            className="h-2 w-40"
            max={sweep.progress.of}
            value={sweep.progress.index + (sweep.progress.side === 'remote' ? 0.5 : 0)}
            aria-label="Sweep progress"
          />
        )}
      </div>

      {req && sweep.points.length > 0 && (
        <>
          {!running && (
            <SweepShare
              request={req}
              points={sweep.points}
              daemonVersion={daemons.selected?.state === 'ready' ? daemons.selected.info.version : null}
            />
          )}
          <SweepCharts points={sweep.points} param={req.param} {...(unit ? { unit } : {})} />
          <SweepTable points={sweep.points} param={req.param} showDaemon={req.daemon === 'auto'} />
          <h2 className="text-base font-semibold">Link model — the same run over other links</h2>
          <LinkTable points={sweep.points} param={req.param} />
          <h2 className="text-base font-semibold">Roofline</h2>
          <RooflineView points={sweep.points} />
        </>
      )}
    </div>
  );
}
