/**
 * /embed/<id>: a shared run as a compact card for other sites' iframes — the headline, the devices,
 * the warm timing bars, image outputs, the outputs' verdict and a link back to the full page. The
 * only route other sites may frame (server/security-headers.ts FRAMEABLE_PREFIXES); links open in a
 * new tab so the reader leaves the host page on purpose.
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { readRun } from '#server/share/read';
import { summaryOf } from '#server/share/record';
import { OutputThumbnails } from '../../share/OutputThumbnails';
import { RunStory } from '../../share/RunStory';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const r = await readRun((await params).id);
  return { title: r.ok ? `${r.run.workload.name} · Duet` : 'Shared run not found · Duet' };
}

export default async function EmbedPage({ params }: Props) {
  const r = await readRun((await params).id);
  if (!r.ok && r.kind === 'not-found') notFound();
  if (!r.ok) {
    return (
      <main className="p-3 text-sm" role="alert" data-testid="embed-corrupt">
        {r.message}
      </main>
    );
  }
  const { run } = r;
  const s = summaryOf(run);
  return (
    <main className="flex flex-col gap-2 p-3" data-testid="embed-card">
      <p className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-semibold">{run.workload.name}</span>
        <span
          className={s.verdict === 'agree' ? 'text-emerald-700 dark:text-emerald-400' : 'text-rose-700'}
          data-testid="embed-verdict"
        >
          outputs {s.verdict}
        </span>
      </p>
      <RunStory run={run} compact />
      <OutputThumbnails local={run.local} remote={run.remote} />
      <p className="text-xs text-zinc-500">
        <a
          href={`/r/${run.id}`}
          target="_blank"
          rel="noopener"
          className="font-medium text-sky-700 underline dark:text-sky-400"
          data-testid="embed-link"
        >
          Full run, the WGSL and “Run this yourself” on Duet ↗
        </a>{' '}
        · one WGSL kernel, in the browser and on a remote GPU
      </p>
    </main>
  );
}
