/**
 * /recent: the latest shared runs whose authors listed them, newest first, a page at a time; above
 * them, on the first page, the latest sweeps their sharers listed, in a table of their own.
 */
import type { Metadata } from 'next';
import { shareStore, sweepStore } from '../../server/share/instance';
import { PageHeader } from '../share/PageHeader';
import { RunsTable } from '../share/RunsTable';
import { SweepsTable } from '../share/SweepsTable';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Recent shared runs and sweeps · Duet' };

export default async function RecentPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string | string[] }>;
}) {
  const { before } = await searchParams;
  const page = await (await shareStore()).listRecent({
    limit: 30,
    ...(typeof before === 'string' ? { before } : {}),
  });
  const sweeps = before ? [] : await (await sweepStore()).listRecent({ limit: 10 });
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-3 p-3 sm:p-4">
      <PageHeader title="Recent shared runs" />
      {sweeps.length > 0 && (
        <section aria-labelledby="recent-sweeps" className="flex flex-col gap-1">
          <h2 id="recent-sweeps" className="text-sm font-semibold">
            Sweeps
          </h2>
          <SweepsTable items={sweeps} />
        </section>
      )}
      {sweeps.length > 0 && (
        <h2 className="text-sm font-semibold" data-testid="recent-runs-heading">
          Runs
        </h2>
      )}
      {page.items.length ? (
        <RunsTable items={page.items} />
      ) : (
        <p className="text-sm text-zinc-500">
          No public runs yet. Run a kernel in the playground and press Share.
        </p>
      )}
      <nav className="flex gap-4 text-sm">
        {before && (
          <a href="/recent" className="underline">
            ← newest
          </a>
        )}
        {page.next && (
          <a
            href={`/recent?before=${encodeURIComponent(page.next)}`}
            className="underline"
            data-testid="older"
          >
            older →
          </a>
        )}
      </nav>
    </main>
  );
}
