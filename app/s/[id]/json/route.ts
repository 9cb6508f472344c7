/** /s/<id>/json: the stored sweep as a JSON file (wire form: NaN/Infinity kept), for tools or archiving. */
import { ShareError } from '#server/share/errors';
import { sweepStore } from '#server/share/instance';
import { idFrom } from '#server/share/read';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = idFrom((await params).id);
  try {
    const raw = id ? await (await sweepStore()).getRaw(id) : null;
    if (!raw) return Response.json({ error: 'not-found', message: 'No such shared sweep.' }, { status: 404 });
    return new Response(raw.body, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="duet-sweep-${id}.json"`,
        'cache-control': 'public, max-age=31536000, immutable',
        etag: `"${raw.sha256}"`,
      },
    });
  } catch (e) {
    if (e instanceof ShareError) return Response.json({ error: e.kind, message: e.message }, { status: 500 });
    throw e;
  }
}
