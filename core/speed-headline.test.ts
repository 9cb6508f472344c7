import { describe, expect, it } from 'vitest';
import type { Timings } from './result';
import { headlineOf, headlineText } from './speed-headline';

function timings(
  kernel: number,
  rest: Partial<Record<'compile' | 'upload' | 'download' | 'transport', number>> = {},
): Timings {
  const stats = { samples: [kernel], median: kernel, min: kernel, p90: kernel, count: 1 };
  return {
    compile: { ms: rest.compile ?? 0 },
    upload: { ms: rest.upload ?? 0 },
    kernel: { ...stats, timer: 'steady-clock', resolutionMs: 0.001 },
    download: { ms: rest.download ?? 0 },
    ...(rest.transport !== undefined ? { transport: { ms: rest.transport } } : {}),
  };
}

describe('headlineOf', () => {
  it('names the faster side and the ratio of the warm totals', () => {
    const h = headlineOf(timings(10, { upload: 2 }), timings(2, { transport: 1 }));
    expect(h).toEqual({ text: 'Remote 4.0× faster', faster: 'remote', ratio: 4 });
    expect(headlineOf(timings(1), timings(30)).text).toBe('Browser 30× faster');
  });

  it('leaves the cold compile out, as the playground verdict does', () => {
    // The remote side compiled for 1 s; warm it is still 5× faster.
    expect(headlineOf(timings(5), timings(1, { compile: 1000 })).text).toBe('Remote 5.0× faster');
  });

  it('says a tie or not comparable instead of inventing a winner', () => {
    expect(headlineOf(timings(1), timings(1.01)).faster).toBe('tie');
    expect(headlineOf(timings(0), timings(1))).toEqual({ text: 'Not comparable', faster: null, ratio: null });
  });
});

describe('headlineText', () => {
  it('says the same words from a stored side and ratio as from the timings', () => {
    const h = headlineOf(timings(10, { upload: 2 }), timings(2, { transport: 1 }));
    expect(headlineText({ faster: h.faster, ratio: h.ratio })).toBe(h.text);
    expect(headlineText({ faster: 'local', ratio: 12.4 })).toBe('Browser 12× faster');
    expect(headlineText({ faster: null, ratio: null })).toBe('Not comparable');
    expect(headlineText({ faster: 'tie', ratio: 1.01 })).toBe('A tie');
  });
});
