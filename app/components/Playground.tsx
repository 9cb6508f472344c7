'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
/**
 * The page, laid out like godbolt or the Slang Playground: the editor with its tabs (WGSL · Workload ·
 * Generated CUDA/C++) on the left, the results (verdict headline, timing bars, both sides, outputs)
 * on the right, in resizable panes that fill the window, so the verdict is in view after a run;
 * below 700 px they stack. Presentation mode is the same layout, bigger, for a projector.
 * Run (button or Ctrl/Cmd+Enter) executes this browser's WebGPU and the chosen daemon concurrently.
 * Run is disabled, with the reason beside it, while the workload is invalid, the translator reports
 * WGSL errors or the form reports a WGSL/workload mismatch: such a run could only fail or mislead.
 * `?` lists the keyboard shortcuts (lib/shortcuts.ts); run outcomes are announced in a live region.
 */
import type { PagePreset } from '../../server/presets';
import { useDaemons } from '../hooks/useDaemons';
import { useDisplayPrefs } from '../hooks/useDisplayPrefs';
import { useDuetRun } from '../hooks/useDuetRun';
import { useLocalAdapter } from '../hooks/useLocalAdapter';
import { usePlaygroundSource } from '../hooks/usePlaygroundSource';
import { useRunHistory } from '../hooks/useRunHistory';
import { useTranslation } from '../hooks/useTranslation';
import { useWideLayout } from '../hooks/useWideLayout';
import type { SourceDiagnostic } from '../lib/diagnostics';
import { hasWebGpu } from '../lib/local-side';
import { runAnnouncement } from '../lib/run-announcement';
import { shortcutFor } from '../lib/shortcuts';
import { parseDraft } from '../lib/workload-draft';
import { ShareBar } from '../share/ShareBar';
import { DaemonPicker } from './DaemonPicker';
import { DisplayControls } from './DisplayControls';
import { DuetSides } from './DuetSides';
import { EditorPane, type EditorTab } from './EditorPane';
import { GeneratedSource } from './GeneratedSource';
import { SplitPanes } from './layout/SplitPanes';
import { PresetParams } from './PresetParams';
import { PresetPicker } from './PresetPicker';
import { ResultsPane } from './ResultsPane';
import { RunHistory } from './RunHistory';
import { ShortcutSheet } from './ShortcutSheet';
import { SourceEditor } from './SourceEditor';
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
  const wide = useWideLayout();
  const [tab, setTab] = useState<EditorTab>('workload');
  // The projector layout shows the code beside the results; the workload stays one click away.
  const { present } = prefs;
  useEffect(() => {
    if (present) setTab((t) => (t === 'workload' ? 'wgsl' : t));
  }, [present]);

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
  const settledRun = !duet.running && duet.generation > 0 ? duet.generation : null;

  const editor = (
    <SourceEditor
      value={wgsl}
      onChange={source.setWgsl}
      onRun={run}
      diagnostics={diagnostics}
      translating={translation.pending}
      reveal={reveal}
      onCursorLine={setCursorLine}
    />
  );
  const workloadViews = (
    <div className="flex min-w-0 flex-col gap-3">
      <WorkloadFormPanel
        key={source.origin}
        wgsl={wgsl}
        workloadJson={workloadJson}
        onUpdate={source.updateWorkload}
        onMismatches={setFormMismatches}
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
  );
  const generated = (
    <GeneratedSource
      code={translation.code}
      workload={draft.ok ? draft.workload : null}
      cursorLine={cursorLine}
      onShowWgslLine={(line) => setReveal({ line })}
    />
  );
  const results = (
    <ResultsPane
      shown={shown}
      settledRun={opened ? null : settledRun}
      viewingHistory={
        opened && (
          <p role="status" className="text-sm" data-testid="viewing-history">
            Showing run #{opened.id} from the history.{' '}
            <button type="button" className="underline" onClick={() => setOpenedId(null)}>
              Back to the latest run
            </button>
          </p>
        )
      }
      sides={
        <DuetSides
          shown={shown}
          adapter={adapter}
          daemons={daemons}
          webGpuPresent={webGpuPresent}
          onCancel={cancel}
          onRetry={opened ? undefined : run}
        />
      }
      history={<RunHistory entries={history.entries} openedId={openedId} onOpen={setOpenedId} />}
    />
  );

  return (
    <div
      data-testid="playground"
      data-layout={wide ? 'side-by-side' : 'stacked'}
      className={`flex min-w-0 flex-col gap-2 p-2 sm:p-3 ${wide ? 'h-dvh overflow-hidden' : ''}`}
    >
      <header className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
        <div className="flex flex-wrap items-baseline gap-x-3">
          <h1 className="text-lg font-semibold tracking-tight">
            Duet{' '}
            <span className="hidden font-normal text-zinc-600 2xl:inline dark:text-zinc-400">
              · one WGSL kernel, two GPUs
            </span>
          </h1>
          <a
            href="/sweep"
            data-testid="sweep-link"
            className="text-xs text-sky-700 underline in-[.present]:hidden dark:text-sky-400"
          >
            Size sweep: when does the remote GPU win?
          </a>
        </div>
        <div className="flex min-w-0 max-w-full flex-wrap items-center gap-x-3 gap-y-2">
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
            className="rounded-md border in-[.present]:hidden border-zinc-300 px-2 py-1.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Shortcuts <kbd>?</kbd>
          </button>
          {/* Hidden, not unmounted, on the projector: it also loads `/#w=` code links. */}
          <div className="contents in-[.present]:hidden">
            <ShareBar duet={duet} source={source} daemon={ranOn ?? daemons.selected} />
          </div>
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

      <SplitPanes
        id="workbench"
        wide={wide}
        first={
          <EditorPane
            tab={tab}
            onTab={setTab}
            wide={wide}
            editor={editor}
            workload={workloadViews}
            generated={generated}
          />
        }
        second={<div className="relative h-full overflow-auto px-0.5 pb-2">{results}</div>}
        firstSize={present ? 50 : 60}
        minSize={25}
        label="Resize the editor and the results"
        className={wide ? 'min-h-0 flex-1' : ''}
      />
    </div>
  );
}
