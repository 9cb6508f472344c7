'use client';
/**
 * Sharing a finished sweep: "Share sweep" stores it as an immutable record (both sides' rows, the
 * devices, the link model) and shows its short link /s/<id>, listed on /recent only when the sharer
 * ticks "List on /recent" first (records are immutable); CSV and JSON download it as it is.
 */
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { LINKS } from '../../core/links';
import { toWire } from '../../server/share/wire';
import { ErrorCallout } from '../components/ErrorCallout';
import { remoteError } from '../lib/remote-side';
import type { SideError } from '../lib/side-state';
import { CopyField } from '../share/CopyField';
import { downloadText, fileSlug } from '../share/download';
import { useTRPC } from '../trpc/client';
import { sweepCsv } from './sweep-csv';
import type { SweepPoint } from './sweep-point';
import { buildSweepInput } from './sweep-share';
import type { SweepRequest } from './useSweep';

const BUTTON =
  'rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-zinc-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800';

export function SweepShare({
  request,
  points,
  daemonVersion,
}: {
  request: SweepRequest;
  points: SweepPoint[];
  daemonVersion: string | null;
}) {
  const trpc = useTRPC();
  const save = useMutation(trpc.sweeps.save.mutationOptions());
  const [saved, setSaved] = useState<{ points: SweepPoint[]; url: string } | null>(null);
  const [error, setError] = useState<SideError | null>(null);
  const [listed, setListed] = useState(false);
  const built = useMemo(
    () => buildSweepInput(request, points, LINKS, { userAgent: navigator.userAgent, daemonVersion }),
    [request, points, daemonVersion],
  );
  const slug = `${fileSlug(request.preset.id)}-${fileSlug(request.param)}-sweep`;

  const share = async () => {
    setError(null);
    if (!built.ok) {
      setError({
        kind: 'invalid',
        title: 'Cannot share this sweep',
        message: built.reason,
        ...(built.issues ? { issues: built.issues } : {}),
      });
      return;
    }
    try {
      const r = await save.mutateAsync({ sweep: toWire({ ...built.input, public: listed }) });
      setSaved({ points, url: new URL(r.path, window.location.origin).toString() });
    } catch (e) {
      setError({ ...remoteError(e), title: 'Share failed' });
    }
  };

  // A link stays on screen only for the sweep it was made from.
  const link = saved?.points === points ? saved.url : null;
  return (
    <section
      aria-label="Share and export this sweep"
      className="flex flex-col gap-2"
      data-testid="sweep-share"
    >
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={BUTTON}
          onClick={share}
          disabled={save.isPending}
          data-testid="sweep-share-button"
        >
          {save.isPending ? 'Saving…' : 'Share sweep'}
        </button>
        <label className="flex items-center gap-1 text-sm">
          <input
            type="checkbox"
            checked={listed}
            onChange={(e) => setListed(e.target.checked)}
            data-testid="sweep-share-public"
          />
          List on /recent
        </label>
        <button
          type="button"
          className={BUTTON}
          onClick={() => downloadText(`${slug}.csv`, sweepCsv(points, request.param), 'text/csv')}
          data-testid="sweep-csv"
        >
          Download CSV
        </button>
        <button
          type="button"
          className={BUTTON}
          disabled={!built.ok}
          onClick={() =>
            built.ok && downloadText(`${slug}.json`, JSON.stringify(toWire(built.input), null, 2))
          }
          data-testid="sweep-json"
        >
          Download JSON
        </button>
      </div>
      {link && (
        <CopyField
          label="Short link to this sweep (stored as it is now; it never changes)"
          value={link}
          testId="sweep-link"
        />
      )}
      {error && <ErrorCallout error={error} testId="sweep-share-error" />}
    </section>
  );
}
