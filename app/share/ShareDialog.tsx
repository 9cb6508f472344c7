'use client';
/**
 * The Share dialog: a short link to the saved run (/r/<id>; listed on /recent only when the sharer
 * ticks it, and records are immutable, so the choice comes before saving), the code link (the
 * workload in the URL fragment, no server storage) and the embed snippet (/embed/<id>), each with a
 * Copy button. A modal <dialog>: the browser traps focus inside it and closes it on Esc
 * (HTML §6.7.2 "The dialog element", showModal), and the heading names it.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { toWire } from '../../server/share/wire';
import { ErrorCallout } from '../components/ErrorCallout';
import { remoteError } from '../lib/remote-side';
import type { SideError } from '../lib/side-state';
import { useTRPC } from '../trpc/client';
import type { BuildResult } from './build-record';
import { CopyField } from './CopyField';
import { embedSnippet } from './embed-snippet';

export type CodeLink = { ok: true; url: string } | { ok: false; error: SideError };

const PRIMARY =
  'rounded-md bg-sky-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-sky-500 disabled:cursor-not-allowed disabled:opacity-50';

export function ShareDialog({
  open,
  onClose,
  run,
  running,
  codeLink,
}: {
  open: boolean;
  onClose(): void;
  /** The finished run as a share record, or why there is none yet. */
  run: BuildResult;
  running: boolean;
  /** The code link of what is in the editors now (computed when the dialog opens). */
  codeLink: CodeLink | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const trpc = useTRPC();
  const save = useMutation(trpc.shares.save.mutationOptions());
  const [listed, setListed] = useState(false);
  const [saved, setSaved] = useState<{ id: string; url: string } | null>(null);
  const [error, setError] = useState<SideError | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  // A new run is a new record: the previous link no longer describes what is on screen.
  useEffect(() => {
    if (run) setSaved(null);
  }, [run]);

  const create = async () => {
    setError(null);
    if (!run.ok) return;
    try {
      const r = await save.mutateAsync({ run: toWire({ ...run.input, public: listed }) });
      setSaved({ id: r.id, url: new URL(r.path, window.location.origin).toString() });
    } catch (e) {
      setError({ ...remoteError(e), title: 'Share failed' });
    }
  };

  const name = run.ok ? run.input.workload.name : '';
  return (
    <dialog
      ref={ref}
      aria-labelledby="share-dialog-title"
      data-testid="share-dialog"
      onClose={onClose}
      className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg border border-zinc-300 bg-white p-4 text-sm text-zinc-900 shadow-lg backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="share-dialog-title" className="mb-3 text-base font-semibold">
        Share
      </h2>

      <section aria-labelledby="share-short-title" className="flex flex-col gap-2">
        <h3 id="share-short-title" className="font-medium">
          Short link to this run
        </h3>
        {!run.ok || running ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-300" data-testid="share-unavailable">
            {running ? 'Wait for the run to finish.' : run.ok ? '' : run.reason}
          </p>
        ) : saved ? (
          <>
            <CopyField label="Short link" value={saved.url} testId="share-link" />
            <CopyField
              label="Embed (a card with the headline and timing bars, for a blog or docs page)"
              value={embedSnippet(window.location.origin, saved.id, name)}
              testId="embed-snippet"
              multiline
            />
            <a
              href={saved.url}
              className="text-xs text-sky-700 underline dark:text-sky-400"
              data-testid="share-open"
            >
              Open the shared page
            </a>
          </>
        ) : (
          <div className="flex flex-wrap items-center gap-3">
            <label className="flex items-center gap-1 text-xs">
              <input
                type="checkbox"
                checked={listed}
                onChange={(e) => setListed(e.target.checked)}
                data-testid="share-public"
              />
              also list it on Recent runs (otherwise only the link reaches it)
            </label>
            <button
              type="button"
              className={PRIMARY}
              onClick={create}
              disabled={save.isPending}
              data-testid="share-create"
              // biome-ignore lint/a11y/noAutofocus: the dialog's first action, focused as it opens
              autoFocus
            >
              {save.isPending ? 'Saving…' : 'Create short link'}
            </button>
          </div>
        )}
        {error && <ErrorCallout error={error} testId="share-save-error" />}
      </section>

      <section aria-labelledby="share-code-title" className="mt-4 flex flex-col gap-2">
        <h3 id="share-code-title" className="font-medium">
          Code link
        </h3>
        <p className="text-xs text-zinc-600 dark:text-zinc-300">
          The kernel and workload inside the link itself: nothing is stored, no results are included.
        </p>
        {codeLink?.ok ? (
          <CopyField label="Code link" value={codeLink.url} testId="code-link-url" />
        ) : codeLink ? (
          <ErrorCallout error={codeLink.error} testId="code-link-error" />
        ) : null}
      </section>

      <form method="dialog" className="mt-4 text-right">
        <button
          type="submit"
          data-testid="share-close"
          className="rounded-md border border-zinc-300 px-3 py-1 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Close
        </button>
      </form>
    </dialog>
  );
}
