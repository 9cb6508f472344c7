'use client';
/**
 * The page: a kernel and its workload on the left, both sides' results and their comparison below.
 * Run (button or Ctrl/Cmd+Enter) executes this browser's WebGPU and the chosen daemon concurrently.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PagePreset } from '../../server/presets';
import { useDaemons } from '../hooks/useDaemons';
import { useDuetRun } from '../hooks/useDuetRun';
import { usePlaygroundSource } from '../hooks/usePlaygroundSource';
import { useRemoteProgress } from '../hooks/useRemoteProgress';
import { useTranslation } from '../hooks/useTranslation';
import type { SourceDiagnostic } from '../lib/diagnostics';
import { hasWebGpu, NO_WEBGPU_HINT } from '../lib/local-side';
import { parseDraft } from '../lib/workload-draft';
import { ShareBar } from '../share/ShareBar';
import { DaemonNotice, DaemonPicker } from './DaemonPicker';
import { GeneratedSource } from './GeneratedSource';
import { InlineCode } from './InlineCode';
import { PresetParams } from './PresetParams';
import { PresetPicker } from './PresetPicker';
import { SidePanel } from './SidePanel';
import { SourceEditor } from './SourceEditor';
import { VerdictPanel } from './VerdictPanel';
import { WorkloadPanel } from './WorkloadPanel';

function sameDiagnostic(a: SourceDiagnostic, b: SourceDiagnostic) {
  return a.line === b.line && a.col === b.col && a.message === b.message;
}

export function Playground({ presets }: { presets: PagePreset[] }) {
  const source = usePlaygroundSource(presets);
  const { wgsl, workloadJson } = source;
  const [webGpuPresent, setWebGpuPresent] = useState(true);
  useEffect(() => setWebGpuPresent(hasWebGpu()), []);

  const daemons = useDaemons();
  const duet = useDuetRun();
  const remoteProgress = useRemoteProgress(duet.remoteTicket, duet.remote.status === 'running');
  const remoteState =
    duet.remote.status === 'running' && remoteProgress && duet.remote.phase === 'sending to daemon'
      ? { ...duet.remote, phase: remoteProgress }
      : duet.remote;
  const draft = useMemo(() => parseDraft(wgsl, workloadJson), [wgsl, workloadJson]);
  const overrides = draft.ok ? draft.workload.overrides : undefined;
  const translation = useTranslation(wgsl, overrides);

  const { run: runDuet } = duet;
  const { selectedIndex } = daemons;
  const run = useCallback(() => {
    if (!draft.ok) return;
    void runDuet(draft.workload, selectedIndex);
  }, [draft, runDuet, selectedIndex]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
        e.preventDefault();
        run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  const diagnostics = useMemo(() => {
    const list: SourceDiagnostic[] = [...translation.diagnostics];
    const ranThisSource = duet.workload?.wgsl === wgsl;
    if (ranThisSource && duet.remote.status === 'error') {
      for (const d of duet.remote.error.diagnostics ?? [])
        if (!list.some((x) => sameDiagnostic(x, d))) list.push(d);
    }
    if (ranThisSource && duet.local.status === 'error') list.push(...(duet.local.error.diagnostics ?? []));
    return list;
  }, [translation.diagnostics, duet.workload, duet.remote, duet.local, wgsl]);

  const issues = draft.ok ? [] : draft.issues;
  const waiting =
    duet.local.status === 'idle' && duet.remote.status === 'idle'
      ? 'Press Run to execute the kernel on both sides; the outputs are compared element by element.'
      : duet.running
        ? 'Waiting for both sides…'
        : 'No comparison: one side did not produce outputs (see its panel).';

  return (
    <div className="mx-auto flex max-w-[1600px] flex-col gap-3 p-3 sm:p-4">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold tracking-tight">
            Duet <span className="font-normal text-zinc-500">· one WGSL kernel, two GPUs</span>
          </h1>
          <a
            href="/sweep"
            data-testid="sweep-link"
            className="text-xs text-sky-700 underline dark:text-sky-400"
          >
            Size sweep: when does the remote GPU win?
          </a>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          <PresetPicker presets={presets} value={source.presetId} onChange={source.selectPreset} />
          <DaemonPicker daemons={daemons} />
          <button
            type="button"
            onClick={run}
            disabled={!draft.ok || duet.running}
            data-testid="run"
            aria-keyshortcuts="Control+Enter Meta+Enter"
            className="rounded-md bg-sky-600 px-4 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-sky-500 disabled:cursor-not-allowed disabled:opacity-50"
          >
            {duet.running ? 'Running…' : 'Run'}
            <span className="ml-2 text-xs font-normal opacity-75">Ctrl+Enter</span>
          </button>
          <ShareBar duet={duet} source={source} daemon={daemons.selected} />
        </div>
      </header>

      <div className="grid gap-3 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <SourceEditor
          value={wgsl}
          onChange={source.setWgsl}
          onRun={run}
          diagnostics={diagnostics}
          translating={translation.pending}
        />
        <WorkloadPanel
          value={workloadJson}
          onChange={source.setWorkloadJson}
          issues={issues}
          onRun={run}
          above={
            source.preset && (
              <PresetParams
                preset={source.preset}
                values={source.params}
                problem={source.paramProblem}
                onChange={source.setParam}
              />
            )
          }
        />
      </div>

      <div className="grid gap-3 md:grid-cols-2">
        <SidePanel
          side="local"
          title="This browser · WebGPU"
          state={duet.local}
          workload={duet.workload}
          idleText="Runs on this browser's GPU through WebGPU."
          notice={
            !webGpuPresent &&
            duet.local.status !== 'error' && (
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
          title={`Remote · ${daemons.selected?.url ?? 'no daemon'}`}
          state={remoteState}
          workload={duet.workload}
          idleText="Runs on the chosen Duet daemon: a CUDA GPU, or CPU emulation where there is none."
          notice={duet.remote.status !== 'error' && <DaemonNotice daemons={daemons} />}
        />
      </div>

      <VerdictPanel comparisons={duet.comparison} waiting={waiting} />
      <GeneratedSource code={translation.code} />
    </div>
  );
}
