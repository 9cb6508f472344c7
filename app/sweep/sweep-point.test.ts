import { describe, expect, it } from 'vitest';
import { findCrossover } from '../../core/crossover';
import {
  doneOutcome,
  measuredRun,
  phaseMs,
  type SweepPoint,
  samplesOf,
  seriesFor,
  throughput,
} from './sweep-point';

const done = (u: number, k: number, d: number) =>
  ({
    status: 'done',
    phases: { uploadMs: u, kernelMs: k, downloadMs: d },
    backend: 'cpu',
    device: { name: 'x' },
  }) as const;

const points: SweepPoint[] = [
  {
    value: 1024,
    bytesUp: 8192,
    bytesDown: 4096,
    metrics: { bytes: 12288, flops: 2048 },
    local: done(0.1, 0.1, 0.1),
    remote: done(0.5, 0.2, 0.5),
  },
  {
    value: 4096,
    bytesUp: 32768,
    bytesDown: 16384,
    metrics: { bytes: 49152, flops: 8192 },
    local: done(1, 2, 1),
    remote: done(0.5, 0.5, 0.5),
  },
  {
    value: 16384,
    bytesUp: 1,
    bytesDown: 1,
    local: { status: 'error', message: 'lost' },
    remote: done(1, 1, 1),
  },
];

describe('sweep points', () => {
  it('gives phase and total times, null for errors and zeros', () => {
    expect(phaseMs(points[0]!.local, 'total')).toBeCloseTo(0.3, 12);
    expect(phaseMs(points[1]!.remote, 'kernel')).toBe(0.5);
    expect(phaseMs(points[2]!.local, 'kernel')).toBeNull();
    expect(phaseMs(done(0, 1, 1), 'upload')).toBeNull();
  });
  it('feeds the crossover: totals cross between 1024 and 4096', () => {
    const c = findCrossover(seriesFor(points, 'total'));
    expect(c).toMatchObject({ kind: 'crossover', before: 0 });
    expect(seriesFor(points, 'total')[2]).toEqual({ x: 16384, local: null, remote: 3 });
  });
  it('builds the link model input only when both sides finished', () => {
    expect(measuredRun(points[1]!)).toEqual({
      local: { uploadMs: 1, kernelMs: 2, downloadMs: 1 },
      remote: { uploadMs: 0.5, kernelMs: 0.5, downloadMs: 0.5 },
      bytesUp: 32768,
      bytesDown: 16384,
      flops: 8192,
    });
    expect(measuredRun(points[2]!)).toBeNull();
  });
  it('computes throughput from the metrics over the median kernel', () => {
    // 49152 bytes in 0.5 ms = 0.098304 GB/s
    expect(throughput(points[1]!, 'remote', 'bytes')).toBeCloseTo(0.098304, 12);
    expect(throughput(points[2]!, 'remote', 'flops')).toBeNull();
  });
  it('keeps the daemon that ran a remote point (with auto each point may land on another one)', () => {
    const result = {
      backend: 'cpu',
      device: { name: 'x' },
      timings: {
        upload: { ms: 1 },
        kernel: { median: 2 },
        download: { ms: 3 },
      },
      outputs: {},
    } as unknown as Parameters<typeof doneOutcome>[0];
    const o = doneOutcome(result, { index: 1, url: 'http://b:7070' });
    expect(o).toMatchObject({ status: 'done', daemon: { index: 1, url: 'http://b:7070' } });
    expect(doneOutcome(result)).not.toHaveProperty('daemon');
  });
  it('counts a remote run’s measured transport in its total, and hands it to the crossovers', () => {
    const result = {
      backend: 'cpu',
      device: { name: 'x' },
      timings: { upload: { ms: 1 }, kernel: { median: 2 }, download: { ms: 3 }, transport: { ms: 4 } },
      outputs: {},
    } as unknown as Parameters<typeof doneOutcome>[0];
    const o = doneOutcome(result);
    expect(phaseMs(o, 'transport')).toBe(4);
    expect(phaseMs(o, 'total')).toBe(10);
    expect(phaseMs(points[0]!.remote, 'transport')).toBeNull();
    const [a, , c] = samplesOf([{ ...points[0]!, remote: o }, points[1]!, points[2]!]);
    expect(a).toEqual({
      x: 1024,
      bytesUp: 8192,
      bytesDown: 4096,
      local: { uploadMs: 0.1, kernelMs: 0.1, downloadMs: 0.1 },
      remote: { uploadMs: 1, kernelMs: 2, downloadMs: 3, transportMs: 4 },
    });
    expect(c!.local).toBeNull();
  });
});
