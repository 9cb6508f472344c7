/** The tRPC route accepts batches up to MAX_TRPC_BATCH calls and refuses larger ones with a 400. */
import { describe, expect, it } from 'vitest';
import { MAX_TRPC_BATCH } from '../app/trpc/limits';

async function batchOf(n: number): Promise<Response> {
  const { GET } = await import('../app/api/trpc/[trpc]/route');
  const names = Array.from({ length: n }, () => 'translate.wgsl').join(',');
  const input = Object.fromEntries(
    Array.from({ length: n }, (_, i) => [String(i), { source: '@compute @workgroup_size(1) fn main() {}' }]),
  );
  const url = `http://localhost/api/trpc/${names}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
  return GET(new Request(url));
}

describe('tRPC batch size', () => {
  it(`answers a batch of ${MAX_TRPC_BATCH} calls`, async () => {
    const res = await batchOf(MAX_TRPC_BATCH);
    expect(res.status).toBe(200);
    const body = (await res.json()) as unknown[];
    expect(body).toHaveLength(MAX_TRPC_BATCH);
  });

  it('refuses a larger batch with a 400 and a message', async () => {
    const res = await batchOf(MAX_TRPC_BATCH + 1);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/batch/i);
  });
});
