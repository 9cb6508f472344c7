'use client';
/**
 * The playground's sharing controls: Share (the dialog: short link, code link, embed snippet),
 * Export JSON and Import JSON. Also loads `/#w=…` code links.
 * Props are plain: the run (useDuetRun), the two editor texts and their loader, the daemon.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Workload } from '../../core/workload';
import type { DaemonStatus } from '../../server/routers/daemons';
import { encodeWorkloadFragment } from '../../server/share/fragment';
import { toWire } from '../../server/share/wire';
import { ErrorCallout } from '../components/ErrorCallout';
import type { SideError } from '../lib/side-state';
import { parseDraft } from '../lib/workload-draft';
import { buildShareInput, type ShareableRun } from './build-record';
import { ensureClientCookie } from './client-id';
import { downloadText, fileSlug } from './download';
import { importJson } from './import-json';
import { type CodeLink, ShareDialog } from './ShareDialog';
import { useFragmentWorkload } from './useFragmentWorkload';

export interface EditableSource {
  wgsl: string;
  workloadJson: string;
  /** Replaces the page's kernel and workload with a loaded one (code link, imported file). */
  loadWorkload(w: Workload): void;
}

const BUTTON =
  'rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-zinc-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800';

export function ShareBar({
  duet,
  source,
  daemon,
}: {
  duet: ShareableRun & { running?: boolean };
  source: EditableSource;
  daemon: DaemonStatus | null;
}) {
  const [dialog, setDialog] = useState(false);
  const [codeLink, setCodeLink] = useState<CodeLink | null>(null);
  const [error, setError] = useState<SideError | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const load = source.loadWorkload;

  useEffect(ensureClientCookie, []);

  const fragmentIssues = useFragmentWorkload(load);

  const daemonVersion = daemon?.state === 'ready' ? daemon.info.version : null;
  const { workload, local, remote, comparison } = duet;
  // Validating a run costs as much as its workload is large: only when the run itself changes.
  // Listed or not is chosen in the dialog, just before saving.
  const built = useMemo(
    () =>
      buildShareInput(
        { workload, local, remote, comparison },
        {
          public: false,
          daemonVersion,
          userAgent: typeof navigator === 'undefined' ? undefined : navigator.userAgent,
        },
      ),
    [workload, local, remote, comparison, daemonVersion],
  );

  /** The code link of what is in the editors now, or why there is none. */
  const makeCodeLink = (): CodeLink => {
    const draft = parseDraft(source.wgsl, source.workloadJson);
    if (!draft.ok) {
      return {
        ok: false,
        error: {
          kind: 'invalid',
          title: 'Fix the workload first',
          message: 'A code link holds a valid workload.',
          issues: draft.issues,
        },
      };
    }
    return { ok: true, url: `${window.location.origin}/#${encodeWorkloadFragment(draft.workload)}` };
  };

  const openDialog = () => {
    setError(null);
    setCodeLink(makeCodeLink());
    setDialog(true);
  };

  const exportJson = () => {
    setError(null);
    if (!built.ok) {
      setError({ kind: 'invalid', title: 'Nothing to export yet', message: built.reason });
      return;
    }
    downloadText(
      `${fileSlug(built.input.workload.name)}.duet-run.json`,
      JSON.stringify(toWire({ v: 1, ...built.input }), null, 2),
    );
  };

  const importFile = async (file: File) => {
    setError(null);
    const r = importJson(await file.text());
    if (!r.ok) {
      setError({
        kind: 'invalid',
        title: `Import failed: ${file.name} is not a valid workload`,
        message: 'Nothing was changed.',
        issues: r.issues,
      });
      return;
    }
    load(r.workload);
  };

  return (
    <div className="flex flex-col items-end gap-1" data-testid="share-bar">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={BUTTON}
          onClick={openDialog}
          aria-haspopup="dialog"
          title="A short link to this run, a code link, an embed snippet"
          data-testid="share"
        >
          Share…
        </button>
        <button
          type="button"
          className={BUTTON}
          onClick={exportJson}
          disabled={!built.ok}
          data-testid="export-json"
        >
          Export JSON
        </button>
        <button
          type="button"
          className={BUTTON}
          onClick={() => fileInput.current?.click()}
          data-testid="import-json"
        >
          Import JSON…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="hidden"
          data-testid="import-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importFile(f);
          }}
        />
      </div>
      <ShareDialog
        open={dialog}
        onClose={() => setDialog(false)}
        run={built}
        running={!!duet.running}
        codeLink={codeLink}
      />
      {fragmentIssues && (
        <ErrorCallout
          testId="fragment-error"
          error={{
            kind: 'invalid',
            title: 'This code link holds no valid workload',
            message: 'The playground kept its own workload.',
            issues: fragmentIssues,
          }}
        />
      )}
      {error && <ErrorCallout error={error} testId="share-error" />}
    </div>
  );
}
