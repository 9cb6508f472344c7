/** Output bytes of a remote run, raw little-endian, exactly as the daemon returned them. */
import { runStore } from '../../../../../../server/run-store';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; name: string }> }) {
  const { id, name } = await params;
  const run = runStore().get(id);
  if (!run) {
    return new Response('run not found or expired; run it again\n', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const bytes = run.outputs[name];
  if (!bytes) {
    return new Response(`run ${id} has no output named "${name}"\n`, {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(bytes.byteLength),
      'cache-control': 'private, max-age=600, immutable',
    },
  });
}
