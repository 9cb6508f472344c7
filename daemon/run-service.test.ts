import { describe, expect, it } from 'vitest';
import { newRunId } from './run-service';

describe('run ids', () => {
  it('are distinct, URL-safe and as long as the route accepts, across pool refills', () => {
    const ids = Array.from({ length: 2000 }, () => newRunId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^r_[A-Za-z0-9_-]{12}$/);
  });
});
