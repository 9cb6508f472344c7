/**
 * The workshop load bench in its short CI mode: correctness properties only (no timings) — every
 * run succeeds, and clients of one class are served at the same rate (Jain's index ≥ 0.9).
 */
import { describe, expect, it } from 'vitest';
import { benchLoad, CI_LOAD, jainIndex } from './load';

describe('workshop load (CI mode)', () => {
  it("Jain's index is 1 for equal shares and 1/n when one client gets everything", () => {
    expect(jainIndex([2, 2, 2, 2])).toBe(1);
    expect(jainIndex([5, 0, 0, 0])).toBe(0.25);
  });

  it('serves every run of many concurrent clients, fairly', async () => {
    const r = await benchLoad(CI_LOAD);
    expect(r.errorSamples).toEqual([]);
    expect(r.errors).toBe(0);
    expect(r.small.runs).toBe(CI_LOAD.smallClients * CI_LOAD.smallKernels);
    expect(r.large.runs).toBe(CI_LOAD.largeClients * CI_LOAD.largeKernels);
    expect(r.small.jain).toBeGreaterThanOrEqual(0.9);
  }, 180_000);
});
