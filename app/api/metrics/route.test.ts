/** GET /api/metrics reads DUET_METRICS_TOKEN from the environment (server/metrics.ts does the rest). */
import { afterEach, describe, expect, it } from 'vitest';
import { GET } from './route';

const request = (authorization?: string) =>
  new Request('http://localhost/api/metrics', authorization ? { headers: { authorization } } : {});

describe('GET /api/metrics', () => {
  const saved = process.env.DUET_METRICS_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.DUET_METRICS_TOKEN;
    else process.env.DUET_METRICS_TOKEN = saved;
  });

  it('is off without DUET_METRICS_TOKEN and serves the registry with it', async () => {
    delete process.env.DUET_METRICS_TOKEN;
    expect((await GET(request('Bearer x'))).status).toBe(404);
    process.env.DUET_METRICS_TOKEN = 'route-token';
    expect((await GET(request())).status).toBe(401);
    const res = await GET(request('Bearer route-token'));
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^# HELP duet_web_runs_total /m);
  });
});
