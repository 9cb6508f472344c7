/** The `shares` router: save → get through wire JSON, recent, designed errors and the save rate limit. */
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { errorDetailsOf } from '../error-details';
import { openShareDb } from '../share/db';
import { createSaveLimiter } from '../share/rate-limit';
import { ShareStore } from '../share/store';
import { sampleRun } from '../share/testkit/fixture';
import { fromWire, toWire } from '../share/wire';
import { router } from '../trpc';
import { createSharesRouter } from './shares';

async function setup(opts: { perClient?: number; maxRecordBytes?: number } = {}) {
  const share = await openShareDb({ sqlitePath: ':memory:' });
  const store = new ShareStore(share, opts.maxRecordBytes ? { maxRecordBytes: opts.maxRecordBytes } : {});
  let clientKey: string | null = 'client-a';
  const limits = {
    perClient: opts.perClient ?? 50,
    perClientWindowS: 600,
    anonymous: 1,
    total: 1000,
    totalWindowS: 3600,
  };
  const shares = createSharesRouter({
    store: async () => store,
    limiter: createSaveLimiter(limits),
    clientKey: async () => clientKey,
  });
  const caller = router({ shares }).createCaller({ clientId: '' });
  return {
    caller,
    store,
    setClient: (k: string | null) => {
      clientKey = k;
    },
    close: () => share.close(),
  };
}

async function failure(p: Promise<unknown>): Promise<TRPCError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(TRPCError);
  return e as TRPCError;
}

describe('shares router', () => {
  it('saves a run in wire form and gives the same run back', async () => {
    const t = await setup();
    const saved = await t.caller.shares.save({ run: toWire(sampleRun(1)) });
    expect(saved.path).toBe(`/r/${saved.id}`);
    const got = fromWire(await t.caller.shares.get({ id: saved.id })) as { comparison: { maxRel: number }[] };
    expect(Number.isNaN(got.comparison[0]!.maxRel)).toBe(true);
    expect(await t.store.getRun(saved.id)).toEqual(got);
    const recent = await t.caller.shares.recent({});
    expect(recent.items.map((i) => i.id)).toEqual([saved.id]);
    await t.close();
  });

  it('answers unknown ids with NOT_FOUND and a hint', async () => {
    const t = await setup();
    const e = await failure(t.caller.shares.get({ id: 'AAAAAAAAAAAAAAAAAAAAAA' }));
    expect(e.code).toBe('NOT_FOUND');
    expect(errorDetailsOf(e.cause)?.hint).toMatch(/Check the link/);
    await t.close();
  });

  it('reports invalid records with field paths and oversized ones as a limit', async () => {
    const t = await setup({ maxRecordBytes: 2048 });
    const bad = sampleRun(0) as { workload: { dispatch: unknown } };
    bad.workload.dispatch = [0, 1, 1];
    const invalid = await failure(t.caller.shares.save({ run: toWire(bad) }));
    expect(invalid.code).toBe('BAD_REQUEST');
    expect(errorDetailsOf(invalid.cause)?.issues?.[0]?.path).toBe('workload.dispatch[0]');
    const big = await failure(t.caller.shares.save({ run: toWire(sampleRun(0)) }));
    expect(big.code).toBe('PAYLOAD_TOO_LARGE');
    expect(errorDetailsOf(big.cause)?.kind).toBe('limit');
    await t.close();
  });

  it('limits saves per client cookie, not across clients, and says when to retry', async () => {
    const t = await setup({ perClient: 2 });
    await t.caller.shares.save({ run: toWire(sampleRun(0)) });
    await t.caller.shares.save({ run: toWire(sampleRun(1)) });
    const limited = await failure(t.caller.shares.save({ run: toWire(sampleRun(2)) }));
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.message).toMatch(/at most 2 every 10 min/);
    expect(errorDetailsOf(limited.cause)?.retryAfterS).toBeGreaterThan(0);
    t.setClient('client-b');
    await t.caller.shares.save({ run: toWire(sampleRun(3)) });
    // Without a cookie, every such client shares one small bucket.
    t.setClient(null);
    await t.caller.shares.save({ run: toWire(sampleRun(4)) });
    expect((await failure(t.caller.shares.save({ run: toWire(sampleRun(5)) }))).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect(await t.store.count()).toBe(4);
    await t.close();
  });
});
