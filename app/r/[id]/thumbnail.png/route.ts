/** /r/<id>/thumbnail.png: the run's image output, small (/recent rows); 404 when it has none. */
import { encodePng } from '#server/share/png';
import { readRun } from '#server/share/read';
import { runThumbnail } from '#server/share/record';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const r = await readRun((await params).id);
  const t = r.ok ? runThumbnail(r.run) : null;
  if (!t) return new Response('no image output', { status: 404, headers: { 'content-type': 'text/plain' } });
  const png = encodePng(Buffer.from(t.rgba, 'base64'), t.width, t.height);
  return new Response(new Uint8Array(png), {
    headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=31536000, immutable' },
  });
}
