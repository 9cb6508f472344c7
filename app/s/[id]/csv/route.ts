/** /s/<id>/csv: the stored sweep's rows as CSV (app/sweep/sweep-csv.ts), one row per point. */
import { readSweep } from '#server/share/read';
import { sweepCsv } from '../../../sweep/sweep-csv';
import { pointOf } from '../../../sweep/sweep-share';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const r = await readSweep((await params).id);
  if (!r.ok)
    return Response.json(
      { error: r.kind, message: r.message },
      { status: r.kind === 'not-found' ? 404 : 500 },
    );
  return new Response(sweepCsv(r.sweep.points.map(pointOf), r.sweep.param), {
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="duet-sweep-${r.sweep.id}.csv"`,
      'cache-control': 'public, max-age=31536000, immutable',
    },
  });
}
