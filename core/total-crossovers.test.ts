import { describe, expect, it } from 'vitest';
import { daemonTotalMs, totalMs } from './link-model';
import { projectedRemoteMs, type SweepSample, totalCrossovers } from './total-crossovers';

// Local total = x / 2048 ms (0.5, 1, 2, 4). Remote: 0.15 ms of daemon phases + 1.35 ms measured
// transport = 1.5 ms at every size, so the measured crossover is where x / 2048 = 1.5: x = 3072.
// Bytes: 12 per element (8 up, 4 down).
const sample = (x: number): SweepSample => ({
  x,
  bytesUp: 8 * x,
  bytesDown: 4 * x,
  local: { uploadMs: 0, kernelMs: x / 2048, downloadMs: 0 },
  remote: { uploadMs: 0.05, kernelMs: 0.05, downloadMs: 0.05, transportMs: 1.35 },
});
const samples = [1024, 2048, 4096, 8192].map(sample);

describe('totals with the measured transport', () => {
  it('adds the transport to the remote total and keeps the daemon phases apart', () => {
    const r = samples[0]!.remote!;
    expect(daemonTotalMs(r)).toBeCloseTo(0.15, 12);
    expect(totalMs(r)).toBeCloseTo(1.5, 12);
    expect(totalMs(samples[0]!.local!)).toBe(0.5);
  });
  it('projects kernel + bytes over the link, without the transport', () => {
    // 0.05 ms + 12 × 1024 bytes at 3 GB/s (12288 / 3e6 ms)
    expect(projectedRemoteMs(samples[0]!, { gbs: 3 })).toBeCloseTo(0.05 + 12288 / 3e6, 12);
    expect(projectedRemoteMs({ ...samples[0]!, remote: null }, { gbs: 3 })).toBeNull();
  });
});

describe('totalCrossovers', () => {
  const links = [
    { id: 'fast', name: 'fast', gbs: 50 },
    { id: 'slow', name: 'slow', gbs: 0.001 },
  ];
  const [measured, fast, slow] = totalCrossovers(samples, links);
  it('finds the measured crossover where the transport-inclusive total meets the local one', () => {
    expect(measured!.id).toBe('measured');
    expect(measured!.crossover.kind).toBe('crossover');
    if (measured!.crossover.kind === 'crossover') expect(measured!.crossover.x).toBeCloseTo(3072, 6);
    expect(measured!.remoteMs).toEqual([1.5, 1.5, 1.5, 1.5].map((v) => expect.closeTo(v, 12)));
  });
  it('without the transport the same run would look remote-faster from the start', () => {
    const daemonOnly = samples.map((s) => ({ ...s, remote: { ...s.remote!, transportMs: 0 } }));
    expect(totalCrossovers(daemonOnly, [])[0]!.crossover.kind).toBe('remote-from-start');
  });
  it('states a crossover per link: a fast link wins from the start, a very slow one never', () => {
    expect(fast!.crossover.kind).toBe('remote-from-start');
    // 12 × 1024 bytes at 1 MB/s = 12.3 ms against 0.5 ms local, and worse as x grows
    expect(slow!.crossover.kind).toBe('none');
    expect(slow!.remoteMs[0]).toBeCloseTo(0.05 + 12.288, 9);
  });
  it('covers TB4/USB4, TB5, PCIe 4 and PCIe 5 by default, and skips failed points', () => {
    const all = totalCrossovers([...samples, { ...sample(16384), remote: null }]);
    expect(all.map((c) => c.id)).toEqual(['measured', 'tb4', 'tb5', 'pcie4x16', 'pcie5x16']);
    expect(all[0]!.remoteMs[4]).toBeNull();
    expect(all[0]!.crossover.kind).toBe('crossover');
  });
});
