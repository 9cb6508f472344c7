import { describe, expect, it } from 'vitest';
import type { Timings } from './result';
import { dominantReason, phaseSpans, speedVerdict, totalMs } from './timing-summary';

function timings(p: {
  compile: number;
  upload: number;
  kernel: number;
  download: number;
  queue?: number;
  transport?: number;
}): Timings {
  const t: Timings = {
    compile: { ms: p.compile },
    upload: { ms: p.upload },
    kernel: {
      samples: [p.kernel],
      median: p.kernel,
      min: p.kernel,
      p90: p.kernel,
      count: 1,
      timer: 'cuda-events',
      resolutionMs: 0.0005,
    },
    download: { ms: p.download },
  };
  if (p.queue !== undefined) t.queue = { ms: p.queue };
  if (p.transport !== undefined) t.transport = { ms: p.transport };
  return t;
}

describe('timing summary', () => {
  it('lists the non-empty phases and their total', () => {
    const spans = phaseSpans(timings({ compile: 2, upload: 1, kernel: 0.5, download: 0, queue: 0 }));
    expect(spans.map((s) => s.phase)).toEqual(['compile', 'upload', 'kernel']);
    expect(totalMs(spans)).toBe(3.5);
  });

  it('names a transfer-bound side', () => {
    const spans = phaseSpans(timings({ compile: 1, upload: 4, kernel: 1, download: 3, transport: 1 }));
    expect(dominantReason(spans, 'remote')).toBe(
      'transfer-bound: 80% of the remote total is upload+download+transport',
    );
  });

  it('says which side was faster end to end and for the kernel alone, and why', () => {
    const local = timings({ compile: 10, upload: 1, kernel: 2, download: 1 });
    const remote = timings({ compile: 1, upload: 20, kernel: 0.5, download: 20, queue: 0, transport: 3 });
    const v = speedVerdict(local, remote);
    expect(v.endToEnd).toMatch(/^Warm, end to end: browser 11× faster than remote \(4\.00 ms vs 43\.50 ms\)/);
    expect(v.kernel).toMatch(/^Kernel alone: remote 4\.0× faster than browser/);
    expect(v.why).toMatch(/^transfer-bound: 99% of the remote warm total/);
  });

  it('gives a cold first run and its warm re-run the same verdict; the cold cost on its own line', () => {
    // The first blur run of issue 21: the remote compiled from cold (nvcc, 900 ms), the re-run hit
    // the cache. The warm phases are the same, so the verdict must be too.
    const local = timings({ compile: 40, upload: 2, kernel: 3, download: 2 });
    const coldRemote = timings({ compile: 900, upload: 0.5, kernel: 0.4, download: 0.5, transport: 1 });
    const warmRemote = timings({ compile: 2, upload: 0.5, kernel: 0.4, download: 0.5, transport: 1 });
    coldRemote.compile.cacheHit = false;
    warmRemote.compile.cacheHit = true;
    const first = speedVerdict(local, coldRemote);
    const rerun = speedVerdict(local, warmRemote);
    expect(first.endToEnd).toBe(rerun.endToEnd);
    expect(first.endToEnd).toMatch(
      /^Warm, end to end: remote 2\.9× faster than browser \(2\.40 ms vs 7\.00 ms\)/,
    );
    expect(first.why).toBe(rerun.why);
    expect(first.cold).toMatch(/remote 900(\.0+)? ms/);
    expect(first.cold).toContain('cache miss');
    expect(rerun.cold).toContain('cache hit');
  });
});
