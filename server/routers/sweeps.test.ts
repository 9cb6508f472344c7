/** The `sweeps` router: save through wire JSON, designed errors with field paths, the save limit. */
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { errorDetailsOf } from '../error-details';
import { openShareDb } from '../share/db';
import { createSaveLimiter } from '../share/rate-limit';
import { SweepStore } from '../share/sweep-store';
import { sampleSweep } from '../share/testkit/sweep-fixture';
import { toWire } from '../share/wire';
import { router } from '../trpc';
import { createSweepsRouter } from './sweeps';

async function setup(perClient = 50) {
  const share = await openShareDb({ sqlitePath: ':memory:' });
  const store = new SweepStore(share);
  const sweeps = createSweepsRouter({
    store: async () => store,
    limiter: createSaveLimiter({
      perClient,
      perClientWindowS: 600,
      anonymous: 1,
      total: 1000,
      totalWindowS: 3600,
    }),
    clientKey: async () => 'client-a',
  });
  return { caller: router({ sweeps }).createCaller({ clientId: '' }), store, close: () => share.close() };
}

describe('sweeps router', () => {
  it('saves a sweep and answers its path; the stored record reads back', async () => {
    const { caller, store, close } = await setup();
    const saved = await caller.sweeps.save({ sweep: toWire(sampleSweep()) });
    expect(saved.path).toBe(`/s/${saved.id}`);
    expect((await store.getSweep(saved.id))?.points).toHaveLength(3);
    await close();
  });

  it('answers a bad sweep with BAD_REQUEST and its field paths, and too many saves with TOO_MANY_REQUESTS', async () => {
    const { caller, close } = await setup(1);
    const bad = sampleSweep();
    (bad as { param: unknown }).param = 7;
    const e = await caller.sweeps.save({ sweep: toWire(bad) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TRPCError);
    expect((e as TRPCError).code).toBe('BAD_REQUEST');
    expect(errorDetailsOf((e as TRPCError).cause)?.issues?.map((i) => i.path)).toContain('param');
    const limited = await caller.sweeps.save({ sweep: toWire(sampleSweep()) }).catch((x: unknown) => x);
    expect((limited as TRPCError).code).toBe('TOO_MANY_REQUESTS');
    await close();
  });
});
