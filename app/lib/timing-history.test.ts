import { describe, expect, it } from 'vitest';
import type { SideResult, Timings } from '../../core/result';
import { speedVerdict, warmTotalMs } from '../../core/timing-summary';
import type { SideState } from './side-state';
import { historySideSummary } from './timing-history';

function done(compile: number, cacheHit: boolean | undefined, kernel: number): SideState<unknown> {
  const timings: Timings = {
    compile: cacheHit === undefined ? { ms: compile } : { ms: compile, cacheHit },
    upload: { ms: 0.5 },
    kernel: {
      samples: [kernel],
      median: kernel,
      min: kernel,
      p90: kernel,
      count: 1,
      timer: 'cuda-events',
      resolutionMs: 0.0005,
    },
    download: { ms: 0.5 },
    transport: { ms: 1 },
  };
  const result = { device: { name: 'Test GPU' }, timings } as unknown as SideResult;
  return { status: 'done', result, extra: undefined };
}

describe('run history side summary', () => {
  it('gives a 900 ms compile miss and its cache-hit re-run the same warm total; cold apart', () => {
    const first = historySideSummary(done(900, false, 0.4));
    const rerun = historySideSummary(done(2, true, 0.4));
    expect(first.warm).toBe(rerun.warm);
    expect(first.warm).toBe('2.40 ms');
    expect(first.cold).toMatch(/^900(\.0+)? ms \(cache miss\)$/);
    expect(rerun.cold).toBe('2.00 ms (cache hit)');
    expect(first.kernel).toBe(rerun.kernel);
    expect(first.device).toBe('Test GPU');
  });

  it('shows the same warm total the verdict compares (one definition)', () => {
    const local = done(40, undefined, 3);
    const remote = done(900, false, 0.4);
    if (local.status !== 'done' || remote.status !== 'done') throw new Error('unreachable');
    const v = speedVerdict(local.result.timings, remote.result.timings);
    expect(warmTotalMs(remote.result.timings)).toBeCloseTo(2.4);
    expect(v.endToEnd).toContain(historySideSummary(remote).warm);
    expect(v.endToEnd).toContain(historySideSummary(local).warm);
    expect(historySideSummary(local).cold).toBe('40.00 ms');
  });

  it('shows the state or the error title for a side without a result', () => {
    expect(historySideSummary({ status: 'running', phase: 'compile' }).warm).toBe('running');
    const err = historySideSummary({
      status: 'error',
      error: { kind: 'compile', title: 'Compile failed', message: 'x' },
    });
    expect(err).toEqual({ warm: 'Compile failed', cold: '—', kernel: '—', device: '—' });
  });
});
