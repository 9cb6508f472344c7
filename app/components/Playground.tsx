'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
/**
 * The page: a kernel and its workload on the left, both sides' results and their comparison below.
 * Run (button or Ctrl/Cmd+Enter) executes this browser's WebGPU and the chosen daemon concurrently.
 */
import { ownEntry } from '../../core/named';
import type { PagePreset } from '../../server/presets';
import { useDaemons } from '../hooks/useDaemons';
import { useDuetRun } from '../hooks/useDuetRun';
import { useLocalAdapter } from '../hooks/useLocalAdapter';
import { usePlaygroundSource } from '../hooks/usePlaygroundSource';
import { useRunHistory } from '../hooks/useRunHistory';
import { useTranslation } from '../hooks/useTranslation';
import { choiceLabel } from '../lib/daemon-choice';
import type { SourceDiagnostic } from '../lib/diagnostics';
import { hasWebGpu, NO_WEBGPU_HINT } from '../lib/local-side';
import { parseDraft } from '../lib/workload-draft';
import { ShareBar } from '../share/ShareBar';
import { BufferInspector } from './BufferInspector';
import { ComparisonPending } from './ComparisonPending';
import { DaemonNotice, DaemonPicker } from './DaemonPicker';
import { LocalAdapterCard, RemoteDeviceCard } from './DeviceCards';
import { DisplayControls } from './DisplayControls';
import { GeneratedSource } from './GeneratedSource';
import { ImageCompare } from './ImageCompare';
import { InlineCode } from './InlineCode';
import { PresetParams } from './PresetParams';
import { PresetPicker } from './PresetPicker';
import { RunHistory } from './RunHistory';
import { SidePanel } from './SidePanel';
import { SourceEditor } from './SourceEditor';
import { TimingBars } from './TimingBars';
import { VerdictPanel } from './VerdictPanel';
import { WorkloadPanel } from './WorkloadPanel';
import { WorkloadFormPanel } from './workload-form';

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
  const adapter = useLocalAdapter();
  const history = useRunHistory();
  const [openedId, setOpenedId] = useState<number | null>(null);
  const [reveal, setReveal] = useState<{ line: number } | null>(null);
  const [cursorLine, setCursorLine] = useState<number | null>(null);

  // Every finished run goes to the session history; an opened entry replaces the live view.
  const { record } = history;
  const recorded = useRef(0);
  useEffect(() => {
    if (duet.running || !duet.workload || duet.generation === 0 || recorded.current === duet.generation)
      return;
    if (duet.local.status === 'idle' && duet.remote.status === 'idle') return;
    recorded.current = duet.generation;
    record({
      id: duet.generation,
      at: new Date(),
      workload: duet.workload,
      local: duet.local,
      remote: duet.remote,
      comparison: duet.comparison,
    });
  }, [duet.running, duet.workload, duet.generation, duet.local, duet.remote, duet.comparison, record]);
  const opened = history.entries.find((e) => e.id === openedId) ?? null;
  const shown = opened ?? {
    workload: duet.workload,
    local: duet.local,
    remote: duet.remote,
    comparison: duet.comparison,
  };
  const draft = useMemo(() => parseDraft(wgsl, workloadJson), [wgsl, workloadJson]);
  const overrides = draft.ok ? draft.workload.overrides : undefined;
  const translation = useTranslation(wgsl, overrides);

  const { run: runDuet, cancel } = duet;
  const { choice } = daemons;
  const run = useCallback(() => {
    if (!draft.ok) return;
    setOpenedId(null);
    void runDuet(draft.workload, choice);
  }, [draft, runDuet, choice]);
  // A shared run records the version of the daemon that ran it (with auto: the one the server picked).
  const ranOnIndex = duet.remote.status === 'done' ? duet.remote.extra.daemonIndex : undefined;
  const ranOn = daemons.daemons.find((d) => d.index === ranOnIndex) ?? null;

  // Ctrl/Cmd+Enter runs (a new run supersedes and cancels the one in flight); Esc cancels.
  const running = duet.running;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
        e.preventDefault();
        run();
      } else if (e.key === 'Escape' && running) {
        e.preventDefault();
        cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run, cancel, running]);

  const diagnostics = useMemo(() => {
    const list: SourceDiagnostic[] = [...translation.diagnostics];
    const ranThisSource = duet.workload?.wgsl === wgsl && !opened;
    if (ranThisSource && duet.remote.status === 'error') {
      for (const d of duet.remote.error.diagnostics ?? [])
        if (!list.some((x) => sameDiagnostic(x, d))) list.push(d);
    }
    if (ranThisSource && duet.local.status === 'error') list.push(...(duet.local.error.diagnostics ?? []));
    return list;
  }, [translation.diagnostics, duet.workload, duet.remote, duet.local, wgsl, opened]);

  const issues = draft.ok ? [] : draft.issues;
  const waiting = (
    <ComparisonPending
      local={shown.local}
      remote={shown.remote}
      idleText="Press Run to execute the kernel on both sides; the outputs are compared element by element."
    />
  );

  return (
    <div className="mx-auto flex max-w-[1600px] flex-col gap-3 p-3 sm:p-4">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold tracking-tight">
            Duet{' '}
            <span className="font-normal text-zinc-600 dark:text-zinc-400">· one WGSL kernel, two GPUs</span>
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
          <DisplayControls />
          <button
            type="button"
            onClick={run}
            disabled={!draft.ok}
            data-testid="run"
            aria-keyshortcuts="Control+Enter Meta+Enter"
            title={duet.running ? 'Run again: cancels the run in flight' : undefined}
            className="rounded-md bg-sky-700 px-4 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-sky-600 disabled:cursor-not-allowed disabled:opacity-50"
          >
            {duet.running ? 'Run again' : 'Run'}
            <span className="ml-2 text-xs font-normal opacity-90">Ctrl+Enter</span>
          </button>
          {duet.running && (
            <button
              type="button"
              onClick={cancel}
              data-testid="cancel"
              aria-keyshortcuts="Escape"
              className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-semibold hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Cancel <span className="ml-1 text-xs font-normal opacity-75">Esc</span>
            </button>
          )}
          <ShareBar duet={duet} source={source} daemon={ranOn ?? daemons.selected} />
        </div>
      </header>

      <div className="grid gap-3 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <SourceEditor
          value={wgsl}
          onChange={source.setWgsl}
          onRun={run}
          diagnostics={diagnostics}
          translating={translation.pending}
          reveal={reveal}
          onCursorLine={setCursorLine}
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

      <WorkloadFormPanel wgsl={wgsl} workloadJson={workloadJson} onUpdate={source.updateWorkload} />

      <div className="grid gap-3 md:grid-cols-2">
        <SidePanel
          side="local"
          title="This browser · WebGPU"
          state={shown.local}
          workload={shown.workload}
          idleText="Runs on this browser's GPU through WebGPU."
          device={<LocalAdapterCard adapter={adapter} />}
          onCancel={cancel}
          onRetry={opened ? undefined : run}
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
          onCancel={cancel}
          onRetry={opened ? undefined : run}
          notice={shown.remote.status !== 'error' && <DaemonNotice daemons={daemons} />}
        />
      </div>

      {opened && (
        <p role="status" className="text-sm" data-testid="viewing-history">
          Showing run #{opened.id} from the history.{' '}
          <button type="button" className="underline" onClick={() => setOpenedId(null)}>
            Back to the latest run
          </button>
        </p>
      )}

      <VerdictPanel
        comparisons={shown.comparison}
        waiting={waiting}
        above={
          shown.local.status === 'done' &&
          shown.remote.status === 'done' && (
            <TimingBars local={shown.local.result.timings} remote={shown.remote.result.timings} />
          )
        }
        renderExtra={(c) => {
          const b = shown.workload?.bindings.find((x) => x.name === c.name);
          if (!b?.image || shown.local.status !== 'done' || shown.remote.status !== 'done') return null;
          const l = ownEntry(shown.local.result.outputs, c.name);
          const r = ownEntry(shown.remote.result.outputs, c.name);
          if (!l || !r) return null;
          return <ImageCompare name={c.name} element={c.element} spec={b.image} local={l} remote={r} />;
        }}
      />
      {shown.workload && (shown.local.status === 'done' || shown.remote.status === 'done') && (
        <BufferInspector
          workload={shown.workload}
          local={shown.local.status === 'done' ? shown.local.result : null}
          remote={shown.remote.status === 'done' ? shown.remote.result : null}
        />
      )}
      <RunHistory entries={history.entries} openedId={openedId} onOpen={setOpenedId} />
      <GeneratedSource
        code={translation.code}
        workload={draft.ok ? draft.workload : null}
        cursorLine={cursorLine}
        onShowWgslLine={(line) => setReveal({ line })}
      />
    </div>
  );
}
