import { describe, expect, it } from 'vitest';
import {
  breakEvenIntensity,
  breakEvenLinkGBs,
  flopRate,
  type MeasuredRun,
  measuredLink,
  predictLink,
  predictRemoteMs,
  runIntensity,
  totalMs,
  transferMs,
} from './link-model';
import { LINKS } from './links';

// 12 MB up, 4 MB down; local 1 + 10 + 1 = 12 ms; remote kernel 2 ms; 2e9 flops.
const run: MeasuredRun = {
  local: { uploadMs: 1, kernelMs: 10, downloadMs: 1 },
  remote: { uploadMs: 0.5, kernelMs: 2, downloadMs: 0.2 },
  bytesUp: 12e6,
  bytesDown: 4e6,
  flops: 2e9,
};

describe('transfer and totals', () => {
  it('moves 3 GB at 3 GB/s in one second', () => {
    expect(transferMs(3e9, 3)).toBe(1000);
    expect(transferMs(0, 3)).toBe(0);
  });
  it('rejects a zero or negative link', () => {
    expect(() => transferMs(1, 0)).toThrow(RangeError);
    expect(() => transferMs(1, -2)).toThrow(RangeError);
  });
  it('adds the phases', () => {
    expect(totalMs(run.local)).toBe(12);
  });
  it('predicts kernel + bytes/link for each direction', () => {
    // 2 ms + 12e6/(3e9) s = 4 ms + 4e6/3e9 s = 1.333 ms
    expect(predictRemoteMs(run, 3)).toBeCloseTo(2 + 4 + 4 / 3, 10);
    // asymmetric: up 4 GB/s (3 ms), down 2 GB/s (2 ms)
    expect(predictRemoteMs(run, 4, 2)).toBeCloseTo(7, 10);
  });
});

describe('predictLink', () => {
  it('says who wins on Thunderbolt and on PCIe 4.0 x16 for the same run', () => {
    const tb = predictLink(run, { id: 'tb', name: 'TB', gbs: 3, range: [2.5, 3.5] });
    expect(tb.predictedMs).toBeCloseTo(7.3333333, 6);
    expect(tb.localMs).toBe(12);
    expect(tb.remoteWins).toBe(true);
    expect(tb.speedup).toBeCloseTo(12 / 7.3333333, 6);
    // fast end 3.5 GB/s: 2 + 16e6/3.5e9 s = 2 + 4.5714 ms; slow end 2.5 GB/s: 2 + 6.4 ms
    expect(tb.rangeMs![0]).toBeCloseTo(6.5714286, 6);
    expect(tb.rangeMs![1]).toBeCloseTo(8.4, 10);

    const slow = predictLink(run, { id: 'slow', name: 'slow', gbs: 1 });
    expect(slow.predictedMs).toBeCloseTo(18, 10);
    expect(slow.remoteWins).toBe(false);
    expect(slow.rangeMs).toBeUndefined();
  });

  it('computes I* from the measured kernel rates', () => {
    // local 2e9 flops / 10 ms = 2e11 flop/s; remote 2e9 / 2 ms = 1e12 flop/s
    const p = predictLink(run, { id: 'tb', name: 'TB', gbs: 3 });
    // I* = (1/3e9) / (1/2e11 − 1/1e12) = 3.3333e-10 / 4e-12 = 83.333 flops/byte
    expect(p.breakEvenIntensity).toBeCloseTo(83.3333333, 5);
    // this run moves 16e6 bytes for 2e9 flops: 125 flops/byte > 83.3, and indeed the remote wins
    expect(runIntensity(run)).toBe(125);
  });

  it('has no I* without a flop count', () => {
    const p = predictLink({ ...run, flops: undefined }, { id: 'x', name: 'x', gbs: 3 });
    expect(p.breakEvenIntensity).toBeNull();
    expect(runIntensity({ ...run, flops: 0 })).toBeNull();
  });
});

describe('breakEvenIntensity', () => {
  it('matches the hand-computed case 1 vs 10 TFLOP/s over 3 GB/s', () => {
    // (1/3e9) / (1e-12 − 1e-13) = 3.333e-10 / 9e-13 = 370.37
    expect(breakEvenIntensity({ localFlops: 1e12, remoteFlops: 1e13, linkGBs: 3 })).toBeCloseTo(370.37037, 4);
  });
  it('credits the local side its own copy cost', () => {
    // (1/3e9 − 1/30e9) / 9e-13 = 3e-10 / 9e-13 = 333.33
    expect(
      breakEvenIntensity({ localFlops: 1e12, remoteFlops: 1e13, linkGBs: 3, localCopyGBs: 30 }),
    ).toBeCloseTo(333.333333, 4);
  });
  it('is infinite when the remote side computes no faster', () => {
    expect(breakEvenIntensity({ localFlops: 1e12, remoteFlops: 1e12, linkGBs: 50 })).toBe(Infinity);
    expect(breakEvenIntensity({ localFlops: 2e12, remoteFlops: 1e12, linkGBs: 50 })).toBe(Infinity);
  });
  it('is zero when the link is no slower than the local copy', () => {
    expect(breakEvenIntensity({ localFlops: 1e12, remoteFlops: 1e13, linkGBs: 50, localCopyGBs: 25 })).toBe(
      0,
    );
  });
  it('falls as the link gets faster', () => {
    const at = (gbs: number) => breakEvenIntensity({ localFlops: 1e12, remoteFlops: 1e13, linkGBs: gbs });
    expect(at(3)).toBeGreaterThan(at(6));
    expect(at(6)).toBeGreaterThan(at(25));
    expect(at(3) / at(6)).toBeCloseTo(2, 10);
  });
});

describe('breakEvenLinkGBs', () => {
  it('is the bytes over the time the remote kernel leaves', () => {
    // slack 12 − 2 = 10 ms; 16e6 bytes / 10 ms = 1.6 GB/s
    expect(breakEvenLinkGBs(run)).toBeCloseTo(1.6, 10);
    // at exactly that link the prediction equals the local total
    expect(predictRemoteMs(run, 1.6)).toBeCloseTo(12, 10);
  });
  it('is infinite when the remote kernel alone is slower than the whole local run', () => {
    expect(breakEvenLinkGBs({ ...run, remote: { ...run.remote, kernelMs: 20 } })).toBe(Infinity);
  });
});

describe('flopRate', () => {
  it('turns flops and ms into flop/s', () => {
    expect(flopRate(2e9, 10)).toBe(2e11);
    expect(flopRate(undefined, 10)).toBeNull();
    expect(flopRate(1e9, 0)).toBeNull();
  });
});

describe('measuredLink', () => {
  it('reads the CUDA executor’s start-up measurement', () => {
    const l = measuredLink({ name: 'RTX', bandwidth: { hostToDeviceGBs: 12.5, deviceToHostGBs: 13.1 } });
    expect(l).toMatchObject({ id: 'measured', gbs: 12.5, downGBs: 13.1 });
    expect(l!.name).toContain('RTX');
    expect(predictRemoteMs(run, l!.gbs, l!.downGBs)).toBeCloseTo(2 + 12 / 12.5 + 4 / 13.1, 10);
  });
  it('is absent for CPU emulation and partial reports', () => {
    expect(measuredLink({ name: 'cpu', emulation: true })).toBeNull();
    expect(measuredLink({ name: 'x', bandwidth: {} })).toBeNull();
    expect(measuredLink(null)).toBeNull();
  });
});

describe('LINKS', () => {
  it('keeps each central figure inside its range and below the nominal figure', () => {
    for (const l of LINKS) {
      expect(l.range[0]).toBeLessThanOrEqual(l.gbs);
      expect(l.gbs).toBeLessThanOrEqual(l.range[1]);
      expect(l.range[1]).toBeLessThanOrEqual(l.nominalGBs);
    }
  });
  it('cites a nominal and a measured-typical source for every link', () => {
    for (const l of LINKS) {
      const kinds = new Set(l.sources.map((s) => s.kind));
      expect(kinds).toEqual(new Set(['nominal', 'measured-typical']));
      for (const s of l.sources) expect(s.url).toMatch(/^https:\/\//);
    }
  });
  it('orders the links slowest first and uses the stated central figures', () => {
    expect(LINKS.map((l) => l.gbs)).toEqual([3, 6, 25, 50]);
  });
});
