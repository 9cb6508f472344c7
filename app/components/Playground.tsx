'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
/**
 * The page: a kernel and its workload on the left, both sides' results and their comparison below.
 * Run (button or Ctrl/Cmd+Enter) executes this browser's WebGPU and the chosen daemon concurrently.
 * Run is disabled, with the reason beside it, while the workload is invalid, the translator reports
 * WGSL errors or the form reports a WGSL/workload mismatch: such a run could only fail or mislead.
 * `?` lists the keyboard shortcuts (lib/shortcuts.ts); run outcomes are announced in a live region.
 */
import { ownEntry } from '../../core/named';
import type { PagePreset } from '../../server/presets';
import { useDaemons } from '../hooks/useDaemons';
import { useDisplayPrefs } from '../hooks/useDisplayPrefs';
import { useDuetRun } from '../hooks/useDuetRun';
import { useLocalAdapter } from '../hooks/useLocalAdapter';
import { usePlaygroundSource } from '../hooks/usePlaygroundSource';
import { useRunHistory } from '../hooks/useRunHistory';
import { useTranslation } from '../hooks/useTranslation';
import { choiceLabel } from '../lib/daemon-choice';
import type { SourceDiagnostic } from '../lib/diagnostics';
import { hasWebGpu, NO_WEBGPU_HINT } from '../lib/local-side';
import { runAnnouncement } from '../lib/run-announcement';
import { shortcutFor } from '../lib/shortcuts';
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
import { ShortcutSheet } from './ShortcutSheet';
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
  const [formMismatches, setFormMismatches] = useState(0);
  const [sheetOpen, setSheetOpen] = useState(false);
  const prefs = useDisplayPrefs();

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

  const wgslErrors = translation.pending ? [] : translation.diagnostics.filter((d) => d.severity === 'error');
  const blocked = !draft.ok
    ? 'Fix the workload first (see its issues).'
    : wgslErrors[0]
      ? `The WGSL has ${wgslErrors.length === 1 ? 'an error' : `${wgslErrors.length} errors`}: ${wgslErrors[0].line}:${wgslErrors[0].col}: ${wgslErrors[0].message}`
      : formMismatches > 0
        ? `The WGSL and the workload disagree (${formMismatches} mismatch${formMismatches === 1 ? '' : 'es'} in the form).`
        : null;

  const { run: runDuet, cancel } = duet;
  const { choice } = daemons;
  const run = useCallback(() => {
    if (!draft.ok || blocked) return;
    setOpenedId(null);
    void runDuet(draft.workload, choice);
  }, [draft, blocked, runDuet, choice]);
  // A shared run records the version of the daemon that ran it (with auto: the one the server picked).
  const ranOnIndex = duet.remote.status === 'done' ? duet.remote.extra.daemonIndex : undefined;
  const ranOn = daemons.daemons.find((d) => d.index === ranOnIndex) ?? null;

  // Ctrl/Cmd+Enter runs (a new run supersedes and cancels the one in flight); Esc cancels; the rest
  // are listed in lib/shortcuts.ts and on the `?` sheet.
  const running = duet.running;
  const { togglePresent } = prefs;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || sheetOpen) return;
      const t = e.target as HTMLElement | null;
      const inText = !!t?.closest('input, textarea, select, [contenteditable="true"]');
      const action = shortcutFor(e, inText);
      if (!action || (action === 'cancel' && !running)) return;
      e.preventDefault();
      if (action === 'run') run();
      else if (action === 'cancel') cancel();
      else if (action === 'sheet') setSheetOpen(true);
      else if (action === 'present') togglePresent();
      else if (action === 'editor')
        document.querySelector<HTMLElement>('[data-testid="wgsl-editor"] [contenteditable="true"]')?.focus();
      else document.getElementById('results')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run, cancel, running, sheetOpen, togglePresent]);
  const announcement = runAnnouncement(duet.running, duet.local, duet.remote, duet.comparison);

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
          <PresetPicker
            presets={presets}
            value={source.presetId}
            onChange={source.selectPreset}
            customLabel="Custom kernel (no preset)"
          />
          <DaemonPicker daemons={daemons} />
          <DisplayControls prefs={prefs} />
          <button
            type="button"
            onClick={run}
            disabled={!!blocked}
            aria-describedby={blocked ? 'run-blocked' : undefined}
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
          <button
            type="button"
            onClick={() => setSheetOpen(true)}
            aria-keyshortcuts="?"
            data-testid="shortcuts-open"
            className="rounded-md border border-zinc-300 px-2 py-1.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Shortcuts <kbd>?</kbd>
          </button>
          <ShareBar duet={duet} source={source} daemon={ranOn ?? daemons.selected} />
        </div>
      </header>
      {blocked && (
        <p
          id="run-blocked"
          data-testid="run-blocked"
          className="text-right text-xs text-rose-700 dark:text-rose-300"
        >
          Run is disabled: {blocked}
        </p>
      )}
      <ShortcutSheet open={sheetOpen} onClose={() => setSheetOpen(false)} />
      <p className="sr-only" aria-live="polite" data-testid="results-live">
        {announcement}
      </p>

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

      <WorkloadFormPanel
        key={source.origin}
        wgsl={wgsl}
        workloadJson={workloadJson}
        onUpdate={source.updateWorkload}
        onMismatches={setFormMismatches}
      />

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

      <div id="results" tabIndex={-1} className="flex flex-col gap-3 outline-none focus-visible:ring-2">
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
      </div>
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
