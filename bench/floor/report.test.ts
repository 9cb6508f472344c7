/** bench/floor/report.ts: the floor's lines say what the figures say. */
import { describe, expect, it } from 'vitest';
import { summarise } from '../measure';
import type { OverheadResult } from '../overhead.bench';
import { floorLines } from './report';

const m = (ms: number) => summarise([ms, ms, ms]);
const sizes = {
  pageRequest: 825,
  pageAnswer: 1357,
  daemonRequest: 795,
  daemonAnswer: 970,
  executorIn: 972,
  executorOut: 554,
};

function result(floorMs: number, withoutDaemonMs: number): OverheadResult {
  return {
    pagePath: m(3.2),
    daemonPath: m(1.5),
    bareHttp: m(0.3),
    bareFetch: m(0.4),
    bareFetchOtherProcess: m(0.56),
    floor: { sizes, path: m(floorMs), withoutDaemon: m(withoutDaemonMs) },
    ratioPageToBare: 8,
    ratioDaemonToBare: 5,
  };
}

describe('the floor’s report lines', () => {
  it('says the floor is above 3 × a bare fetch when it is, and splits the page path into floor and Duet’s own', () => {
    const text = floorLines(result(1.6, 1.0)).join('\n');
    expect(text).toContain('take 4.00 × a bare fetch round trip (same process), above 3 ×');
    expect(text).toContain('with the daemon’s process taken out, 2.50 ×, at or under 3 ×');
    expect(text).toContain('the other 1.60 ms (50%)');
    // Boundaries: 0.56 (cross-process fetch), 1.6 − 1.0, 1.0 − 0.56.
    expect(text).toContain('browser ↔ web server 0.56 ms');
    expect(text).toContain('web server ↔ daemon 0.60 ms');
    expect(text).toContain('daemon ↔ executor 0.44 ms');
  });

  it('leaves the split by boundary out when uneven load makes one negative', () => {
    const r = { ...result(1.6, 1.0), bareFetchOtherProcess: m(1.3) };
    expect(floorLines(r).join('\n')).not.toContain('process boundary');
  });

  it('says a floor at or under 3 × is', () => {
    expect(floorLines(result(1.2, 0.9)).join('\n')).toContain(
      'take 3.00 × a bare fetch round trip (same process), at or under 3 ×',
    );
  });

  it('has nothing to say for a record without a floor', () => {
    const { floor: _, ...without } = result(1.6, 1.0);
    expect(floorLines(without)).toEqual([]);
  });
});
