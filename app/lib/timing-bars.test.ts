import { describe, expect, it } from 'vitest';
import type { Timings } from '../../core/result';
import { speedVerdict } from '../../core/timing-summary';
import { barsLayout } from './timing-bars';

function timings(
  compile: number,
  upload: number,
  kernel: number,
  download: number,
  transport?: number,
): Timings {
  const t: Timings = {
    compile: { ms: compile },
    upload: { ms: upload },
    kernel: {
      samples: [kernel],
      median: kernel,
      min: kernel,
      p90: kernel,
      count: 1,
      timer: 'cuda-events',
      resolutionMs: 0.0005,
    },
    download: { ms: download },
  };
  if (transport !== undefined) t.transport = { ms: transport };
  return t;
}

const width = (row: { segments: { width: number }[] }) => row.segments.reduce((n, s) => n + s.width, 0);

describe('timing bars layout', () => {
  // Issue 21: the remote compiled from cold (900 ms, cache miss); the re-run hit the cache.
  const local = timings(40, 2, 3, 2);
  const coldRemote = timings(900, 0.5, 0.4, 0.5, 1);
  const warmRemote = timings(2, 0.5, 0.4, 0.5, 1);

  it('draws no compile in the warm bars, and their lengths are in the ratio of the warm verdict', () => {
    const { warm } = barsLayout(local, coldRemote, 70, 460);
    expect(warm.flatMap((r) => r.segments.map((s) => s.phase))).not.toContain('compile');
    expect(warm.map((r) => r.totalMs)).toEqual([7, 2.4]);
    expect(width(warm[0]!)).toBeCloseTo(460);
    expect(width(warm[0]!) / width(warm[1]!)).toBeCloseTo(7 / 2.4);
    expect(speedVerdict(local, coldRemote).endToEnd).toContain('(2.40 ms vs 7.00 ms)');
  });

  it('gives a compile-cache miss and its re-run the same warm bars; only the cold row differs', () => {
    const first = barsLayout(local, coldRemote, 70, 460);
    const rerun = barsLayout(local, warmRemote, 70, 460);
    expect(first.warm).toEqual(rerun.warm);
    expect(first.cold.map((r) => r.totalMs)).toEqual([40, 900]);
    expect(rerun.cold.map((r) => r.totalMs)).toEqual([40, 2]);
    // The cold rows have their own scale: the longer cold cost fills the span.
    expect(width(first.cold[1]!)).toBeCloseTo(460);
    expect(width(rerun.cold[0]!)).toBeCloseTo(460);
  });

  it('lays segments end to end from the left edge, each non-empty one at least 1 px wide', () => {
    const { warm } = barsLayout(timings(0, 1000, 0.0001, 0), timings(0, 1, 1, 1), 70, 460);
    const row = warm[0]!;
    expect(row.segments[0]!.x).toBe(70);
    expect(row.segments[1]!.x).toBeCloseTo(70 + row.segments[0]!.width);
    expect(row.segments[1]!.width).toBe(1);
    expect(row.end).toBeCloseTo(70 + width(row));
  });

  it('leaves a side with no cold cost an empty cold row', () => {
    const { cold } = barsLayout(timings(0, 1, 1, 1), timings(5, 1, 1, 1), 70, 460);
    expect(cold[0]!.segments).toEqual([]);
    expect(cold[0]!.totalMs).toBe(0);
  });
});
