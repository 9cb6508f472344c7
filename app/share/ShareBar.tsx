'use client';
/**
 * The playground's sharing controls: Share (saved run, short link), Copy code link (the workload in
 * the URL fragment, no database), Export JSON and Import JSON. Also loads `/#w=…` code links.
 * Props are plain: the run (useDuetRun), the two editor texts and their loader, the daemon.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Workload } from '../../core/workload';
import type { DaemonStatus } from '../../server/routers/daemons';
import { encodeWorkloadFragment } from '../../server/share/fragment';
import { toWire } from '../../server/share/wire';
import { ErrorCallout } from '../components/ErrorCallout';
import { remoteError } from '../lib/remote-side';
import type { SideError } from '../lib/side-state';
import { parseDraft } from '../lib/workload-draft';
import { useTRPC } from '../trpc/client';
import { buildShareInput, type ShareableRun } from './build-record';
import { ensureClientCookie } from './client-id';
import { downloadText, fileSlug } from './download';
import { importJson } from './import-json';
import { useFragmentWorkload } from './useFragmentWorkload';

export interface EditableSource {
  wgsl: string;
  workloadJson: string;
  /** Replaces the page's kernel and workload with a loaded one (code link, imported file). */
  loadWorkload(w: Workload): void;
}

const BUTTON =
  'rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-zinc-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800';

function absolute(path: string): string {
  return new URL(path, window.location.origin).toString();
}

export function ShareBar({
  duet,
  source,
  daemon,
}: {
  duet: ShareableRun & { running?: boolean };
  source: EditableSource;
  daemon: DaemonStatus | null;
}) {
  const trpc = useTRPC();
  const save = useMutation(trpc.shares.save.mutationOptions());
  const [listed, setListed] = useState(true);
  const [link, setLink] = useState<{ kind: 'share' | 'code'; url: string } | null>(null);
  const [error, setError] = useState<SideError | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const load = source.loadWorkload;

  useEffect(ensureClientCookie, []);

  const fragmentIssues = useFragmentWorkload(load);

  const daemonVersion = daemon?.state === 'ready' ? daemon.info.version : null;
  const { workload, local, remote, comparison } = duet;
  // Validating a run costs as much as its workload is large: only when the run itself changes.
  const built = useMemo(
    () =>
      buildShareInput(
        { workload, local, remote, comparison },
        {
          public: listed,
          daemonVersion,
          userAgent: typeof navigator === 'undefined' ? undefined : navigator.userAgent,
        },
      ),
    [workload, local, remote, comparison, listed, daemonVersion],
  );

  const share = async () => {
    setError(null);
    if (!built.ok) {
      setError({
        kind: 'invalid',
        title: 'Cannot share this run',
        message: built.reason,
        ...(built.issues ? { issues: built.issues } : {}),
      });
      return;
    }
    try {
      const saved = await save.mutateAsync({ run: toWire(built.input) });
      const url = absolute(saved.path);
      setLink({ kind: 'share', url });
      await navigator.clipboard?.writeText(url).catch(() => {});
    } catch (e) {
      setError({ ...remoteError(e), title: 'Share failed' });
    }
  };

  const codeLink = async () => {
    setError(null);
    const draft = parseDraft(source.wgsl, source.workloadJson);
    if (!draft.ok) {
      setError({
        kind: 'invalid',
        title: 'Fix the workload first',
        message: 'A code link holds a valid workload.',
        issues: draft.issues,
      });
      return;
    }
    const url = `${window.location.origin}/#${encodeWorkloadFragment(draft.workload)}`;
    setLink({ kind: 'code', url });
    await navigator.clipboard?.writeText(url).catch(() => {});
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

  const shareBlocked = !built.ok || !!duet.running || save.isPending;
  return (
    <div className="flex flex-col items-end gap-1" data-testid="share-bar">
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-300">
          <input
            type="checkbox"
            checked={listed}
            onChange={(e) => setListed(e.target.checked)}
            data-testid="share-public"
          />
          list on Recent
        </label>
        <button
          type="button"
          className={BUTTON}
          onClick={share}
          disabled={shareBlocked}
          title={built.ok ? 'Save this run and copy a short link to it' : built.reason}
          data-testid="share"
        >
          {save.isPending ? 'Sharing…' : 'Share'}
        </button>
        <button
          type="button"
          className={BUTTON}
          onClick={codeLink}
          title="The workload in the link itself; no server storage"
          data-testid="code-link"
        >
          Copy code link
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
      {link && (
        <p className="flex items-center gap-2 text-xs" role="status">
          <span className="text-zinc-500">{link.kind === 'share' ? 'Shared run:' : 'Code link:'}</span>
          {link.kind === 'share' ? (
            <a
              href={link.url}
              className="font-mono text-sky-700 underline dark:text-sky-400"
              data-testid="share-link"
            >
              {link.url}
            </a>
          ) : (
            <input
              readOnly
              value={link.url}
              aria-label="Code link"
              data-testid="code-link-url"
              className="w-80 rounded border border-zinc-300 bg-transparent px-1 font-mono dark:border-zinc-700"
              onFocus={(e) => e.target.select()}
            />
          )}
        </p>
      )}
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
