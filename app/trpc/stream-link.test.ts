/**
 * The one-call streaming link (./stream-link.ts) against tRPC's own server on loopback: what it reads
 * must be what tRPC's httpBatchStreamLink reads from the same answers (values, order, errors with
 * their codes and data), lines split across reads and multi-byte text included, and an abort must
 * reach the procedure.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTRPCClient, httpBatchStreamLink, TRPCClientError } from '@trpc/client';
import { initTRPC, TRPCError } from '@trpc/server';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { streamLink } from './stream-link';

const t = initTRPC.create();
let aborted: Promise<void> = Promise.resolve();
let release: () => void = () => {};

const router = t.router({
  steps: t.procedure.input(z.object({ n: z.number().int().min(0) })).mutation(async function* ({ input }) {
    for (let i = 0; i < input.n; i++) yield { i, text: `step ${i} ✓ ünïcödé` };
    return { done: true };
  }),
  big: t.procedure.input(z.object({ bytes: z.number() })).mutation(async function* ({ input }) {
    yield { type: 'start' as const };
    // A line far larger than one read of the socket, and a multi-byte character on every position.
    yield { type: 'result' as const, text: 'é€'.repeat(input.bytes) };
  }),
  failing: t.procedure.mutation(async function* () {
    yield { type: 'start' as const };
    throw new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: 'the kernel ran past its limit' });
  }),
  refused: t.procedure.mutation(async function* () {
    // A generator that fails before its first value: the page sees the error from its first read.
    if (Date.now() > 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such daemon' });
    yield 0;
  }),
  plain: t.procedure.input(z.string()).mutation(({ input }) => ({ echo: input })),
  held: t.procedure.mutation(async function* ({ signal }) {
    yield { type: 'accepted' as const };
    aborted = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve()));
    await new Promise<void>((resolve) => {
      release = resolve;
      signal?.addEventListener('abort', () => resolve());
    });
    yield { type: 'result' as const };
  }),
});
type Router = typeof router;

let server: Server;
let url = '';

beforeAll(async () => {
  server = createHTTPServer({ router, basePath: '/api/trpc/' });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/trpc`;
});
afterAll(() => {
  server.close();
});

const ours = () => createTRPCClient<Router>({ links: [streamLink({ url })] });
const theirs = () => createTRPCClient<Router>({ links: [httpBatchStreamLink({ url, maxItems: 1 })] });

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}

async function errorOf(p: Promise<unknown>): Promise<TRPCClientError<Router>> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TRPCClientError);
    return e as TRPCClientError<Router>;
  }
  throw new Error('expected an error');
}

describe('streamLink', () => {
  it('reads a streamed mutation’s values in order, as httpBatchStreamLink does', async () => {
    const got = await collect(await ours().steps.mutate({ n: 5 }));
    expect(got).toHaveLength(5);
    expect(got[4]).toEqual({ i: 4, text: 'step 4 ✓ ünïcödé' });
    expect(got).toEqual(await collect(await theirs().steps.mutate({ n: 5 })));
    expect(await collect(await ours().steps.mutate({ n: 0 }))).toEqual([]);
  });

  it('reads lines larger than one socket read, multi-byte characters split across reads', async () => {
    const got = await collect(await ours().big.mutate({ bytes: 100_000 }));
    expect(got[0]).toEqual({ type: 'start' });
    const last = got[1] as { text: string };
    expect(last.text.length).toBe(200_000);
    expect(last.text.slice(-4)).toBe('é€é€');
  });

  it('throws an error raised mid-stream from the iterator, with its code, after the values before it', async () => {
    const seen: unknown[] = [];
    const e = await errorOf(
      (async () => {
        for await (const v of await ours().failing.mutate()) seen.push(v);
      })(),
    );
    expect(seen).toEqual([{ type: 'start' }]);
    expect(e.message).toBe('the kernel ran past its limit');
    expect(e.data?.code).toBe('UNPROCESSABLE_CONTENT');
  });

  it('rejects with the procedure’s error when it fails before streaming, and with input errors', async () => {
    const refused = await errorOf(
      (async () => {
        for await (const _ of await ours().refused.mutate()) {
          // nothing comes
        }
      })(),
    );
    expect(refused.message).toBe('no such daemon');
    expect(refused.data?.code).toBe('NOT_FOUND');
    const bad = await errorOf(ours().steps.mutate({ n: -1 }));
    expect(bad.data?.code).toBe('BAD_REQUEST');
    expect(bad.data?.httpStatus).toBe(400);
  });

  it('returns a plain (not streamed) mutation’s value', async () => {
    expect(await ours().plain.mutate('hi')).toEqual({ echo: 'hi' });
  });

  it('aborts the request when the caller’s signal aborts, and the procedure sees it', async () => {
    const ac = new AbortController();
    const it = (await ours().held.mutate(undefined, { signal: ac.signal }))[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual({ type: 'accepted' });
    const next = it.next();
    ac.abort();
    await expect(next).rejects.toThrow(/abort/i);
    await aborted; // the server's procedure saw its signal abort (else this test times out)
    release();
  });
});
