/** Output bytes of a remote run, raw little-endian, exactly as the daemon returned them. */
import { ownEntry } from '#core/named';
import { runStore } from '#server/run-store';

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
  // Own outputs only: `constructor` or `__proto__` is an output's name or nothing (core/named.ts).
  const output = ownEntry(run.outputs, name);
  if (!output) {
    return new Response(`run ${id} has no output named "${name}"\n`, {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  // The chunks as the daemon's response brought them: a large output is streamed, never copied.
  // Each request reads the stored chunks afresh (the page may fetch an output twice).
  const chunks = output.chunks;
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(output.bytes),
      'cache-control': 'private, max-age=600, immutable',
    },
  });
}
