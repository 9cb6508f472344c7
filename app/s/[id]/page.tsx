/**
 * /s/<id>: a shared sweep, read-only — what was swept on which devices, the charts and crossovers,
 * the measurements, the link model as shared, CSV/JSON export, and the same sweep set up to run here.
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { readSweep } from '#server/share/read';
import type { StoredSweep } from '#server/share/sweep-record';
import { CannotShow } from '../../share/CannotShow';
import { formatDate } from '../../share/format';
import { LINK_BUTTON, PageHeader } from '../../share/PageHeader';
import { publicOrigin } from '../../share/public-origin';
import { WHAT_DUET_IS } from '../../share/RunStory';
import { SharedSweepView } from '../../sweep/SharedSweepView';
import { sweepQuery } from '../../sweep/sweep-url';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** Each side's device names across the points (with 'auto', several daemons may appear). */
function devices(s: StoredSweep, side: 'local' | 'remote'): string {
  const names = new Set<string>();
  for (const p of s.points) {
    const o = p[side];
    if (o.status === 'done')
      names.add(
        o.backend === 'cpu'
          ? `CPU emulation · ${o.device.cpuModel ?? o.device.name}`
          : `${o.backend === 'cuda' ? 'CUDA' : 'WebGPU'} · ${o.device.name}`,
      );
  }
  return names.size ? [...names].join(', ') : 'no finished point';
}

function title(s: StoredSweep): string {
  return `${s.preset.name}: ${s.param} from ${Math.min(...s.points.map((p) => p.value)).toLocaleString('en-US')} to ${Math.max(...s.points.map((p) => p.value)).toLocaleString('en-US')}`;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const r = await readSweep((await params).id);
  if (!r.ok) return { title: 'Shared sweep not found · Duet' };
  const description = `Browser (${devices(r.sweep, 'local')}) vs remote (${devices(r.sweep, 'remote')}), ${r.sweep.points.length} sizes.`;
  return {
    metadataBase: await publicOrigin(),
    title: `${title(r.sweep)} · Duet sweep`,
    description,
    openGraph: { title: `${title(r.sweep)} · Duet sweep`, description },
  };
}

export default async function SharedSweepPage({ params }: Props) {
  const r = await readSweep((await params).id);
  if (!r.ok && r.kind === 'not-found') notFound();
  if (!r.ok) return <CannotShow title="This shared sweep cannot be shown" message={r.message} />;
  const { sweep } = r;
  const again = sweepQuery({
    preset: sweep.preset.id,
    param: sweep.param,
    mode: 'list',
    lo: '',
    hi: '',
    list: sweep.points.map((p) => p.value).join(', '),
  });
  return (
    <main className="mx-auto flex max-w-[1400px] flex-col gap-3 p-3 sm:p-4">
      <PageHeader
        title={
          <>
            {title(sweep)}{' '}
            <span className="font-normal text-zinc-500">· sweep shared {formatDate(sweep.createdAt)}</span>
          </>
        }
      >
        <a className={LINK_BUTTON} href={`/sweep${again}`} data-testid="sweep-again">
          Run this sweep yourself
        </a>
        <a className={LINK_BUTTON} href={`/s/${sweep.id}/csv`} download data-testid="export-csv">
          CSV
        </a>
        <a className={LINK_BUTTON} href={`/s/${sweep.id}/json`} download data-testid="export-sweep-json">
          JSON
        </a>
      </PageHeader>
      <p className="max-w-4xl text-sm text-zinc-600 dark:text-zinc-300">{WHAT_DUET_IS}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm" data-testid="sweep-devices">
        <dt className="text-zinc-500">browser</dt>
        <dd>{devices(sweep, 'local')}</dd>
        <dt className="text-zinc-500">remote</dt>
        <dd>
          {devices(sweep, 'remote')}
          {sweep.daemon === 'auto' ? ' (least-loaded daemon per point)' : ''}
        </dd>
      </dl>
      <SharedSweepView sweep={sweep} />
    </main>
  );
}
