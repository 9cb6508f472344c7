/**
 * The share and sweep save limits count each browser by its `duet_client` cookie as the request's
 * context reads it (server/trpc.ts), on every path the endpoint is served from: scripts/web-server.mjs
 * answers tRPC outside Next's request scope, where next/headers has no cookies, and every browser
 * then fell into one shared "without cookies" bucket (one browser could stop everyone's saves).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../router';
import { sampleRun } from '../share/testkit/fixture';
import { sampleSweep } from '../share/testkit/sweep-fixture';
import { toWire } from '../share/wire';
import { createContext } from '../trpc';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'duet-share-limit-'));
  process.env.DUET_DATA_DIR = dir;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const browser = (id: string) =>
  appRouter.createCaller(
    createContext({
      req: new Request('http://localhost/api/trpc', { headers: { cookie: `duet_client=${id}` } }),
    }),
  );

describe('save limits per browser', () => {
  it('one browser using up its shares leaves another browser its own', async () => {
    const a = browser('a'.repeat(22));
    const refusal = async () => {
      for (let i = 0; i < 50; i++) {
        const e = await a.shares.save({ run: toWire(sampleRun(i)) }).then(
          () => null,
          (x: Error) => x,
        );
        if (e) return e.message;
      }
      return null;
    };
    expect(await refusal()).toMatch(/from this browser/);
    await expect(browser('b'.repeat(22)).shares.save({ run: toWire(sampleRun(99)) })).resolves.toHaveProperty(
      'id',
    );
  });

  it('the same for sweeps', async () => {
    const a = browser('c'.repeat(22));
    let message = '';
    for (let i = 0; i < 50 && !message; i++)
      message = await a.sweeps.save({ sweep: toWire(sampleSweep()) }).then(
        () => '',
        (x: Error) => x.message,
      );
    expect(message).toMatch(/from this browser/);
    await expect(
      browser('d'.repeat(22)).sweeps.save({ sweep: toWire(sampleSweep()) }),
    ).resolves.toHaveProperty('id');
  });
});
