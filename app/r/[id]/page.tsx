/** /r/<id>: a shared run, read-only, with Open in playground, Re-run here and JSON export. */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { encodeWorkloadFragment } from '#server/share/fragment';
import { readRun } from '#server/share/read';
import { summaryOf } from '#server/share/record';
import { formatMs } from '../../../core/format';
import { headlineText } from '../../../core/speed-headline';
import { CannotShow } from '../../share/CannotShow';
import { formatDate } from '../../share/format';
import { LINK_BUTTON, PageHeader } from '../../share/PageHeader';
import { publicOrigin } from '../../share/public-origin';
import { RerunHere } from '../../share/RerunHere';
import { WHAT_DUET_IS } from '../../share/RunStory';
import { RunView } from '../../share/RunView';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const r = await readRun((await params).id);
  if (!r.ok) return { title: 'Shared run not found · Duet' };
  const s = summaryOf(r.run);
  const warm = s.headline ? `${headlineText(s.headline)}, warm · ` : '';
  const description = `${warm}${s.local.device}: ${formatMs(s.local.kernelMs)} · ${s.remote.device}: ${formatMs(s.remote.kernelMs)} · outputs ${s.verdict}`;
  return {
    metadataBase: await publicOrigin(),
    title: `${s.name} · Duet shared run`,
    description,
    openGraph: { title: `${s.name} · Duet`, description },
  };
}

export default async function SharedRunPage({ params }: Props) {
  const { id } = await params;
  const r = await readRun(id);
  if (!r.ok && r.kind === 'not-found') notFound();
  if (!r.ok) return <CannotShow title="This shared run cannot be shown" message={r.message} />;
  const { run } = r;
  const s = summaryOf(run);
  return (
    <main className="mx-auto flex max-w-[1600px] flex-col gap-3 p-3 sm:p-4">
      <PageHeader
        title={
          <>
            {run.workload.name}{' '}
            <span className="font-normal text-zinc-500">· shared {formatDate(run.createdAt)}</span>
          </>
        }
      >
        <a
          className={LINK_BUTTON}
          href={`/#${encodeWorkloadFragment(run.workload)}`}
          data-testid="open-in-playground"
        >
          Open in playground
        </a>
        <a className={LINK_BUTTON} href={`/r/${run.id}/json`} download data-testid="export-run">
          Export JSON
        </a>
        <a className={LINK_BUTTON} href={`/compare?a=${run.id}`}>
          Compare…
        </a>
      </PageHeader>
      <p className="max-w-4xl text-sm text-zinc-600 dark:text-zinc-300" data-testid="what-is-duet">
        {WHAT_DUET_IS}{' '}
        <a href="#rerun-title" className="font-medium text-sky-700 underline dark:text-sky-400">
          Run this yourself ↓
        </a>
      </p>
      <RunView run={run} />
      <RerunHere
        workload={run.workload}
        stored={{
          local: { device: s.local.device, kernelMs: s.local.kernelMs },
          remote: { device: s.remote.device, kernelMs: s.remote.kernelMs },
          verdict: s.verdict,
        }}
      />
    </main>
  );
}
