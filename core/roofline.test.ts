import { describe, expect, it } from 'vitest';
import { achieved, boundBy, estimatePeakGflops, fractionOfRoof, ridge, roof } from './roofline';

describe('achieved', () => {
  it('divides the metrics by the kernel time', () => {
    // SAXPY at N = 2^20: 12 MiB moved, 2 Mflop, 0.1 ms
    const a = achieved({ bytes: 12 * 2 ** 20, flops: 2 * 2 ** 20 }, 0.1);
    expect(a.gbs).toBeCloseTo((12 * 2 ** 20) / 1e-4 / 1e9, 9); // 125.83 GB/s
    expect(a.gflops).toBeCloseTo((2 * 2 ** 20) / 1e-4 / 1e9, 9); // 20.97 GFLOP/s
    expect(a.intensity).toBeCloseTo(1 / 6, 12);
  });
  it('leaves out what the metrics do not say', () => {
    expect(achieved({ bytes: 100 }, 1)).toEqual({ gbs: 1e-4, gflops: null, intensity: null });
    expect(achieved(undefined, 1)).toEqual({ gbs: null, gflops: null, intensity: null });
    expect(achieved({ bytes: 100, flops: 100 }, 0).gbs).toBeNull();
  });
});

describe('roof', () => {
  const peaks = { gflops: 10_000, gbs: 500 }; // ridge at 20 flops/byte
  it('is bandwidth-bound left of the ridge and flat right of it', () => {
    expect(ridge(peaks)).toBe(20);
    expect(roof(1, peaks)).toBe(500);
    expect(roof(20, peaks)).toBe(10_000);
    expect(roof(100, peaks)).toBe(10_000);
    expect(boundBy(1 / 6, peaks)).toBe('memory');
    expect(boundBy(64, peaks)).toBe('compute');
  });
  it('gives the fraction of the roof reached', () => {
    // 0.5 flops/byte → roof 250 GFLOP/s; achieved 100 → 0.4
    expect(fractionOfRoof({ gbs: 200, gflops: 100, intensity: 0.5 }, peaks)).toBeCloseTo(0.4, 12);
    expect(fractionOfRoof({ gbs: 200, gflops: null, intensity: null }, peaks)).toBeNull();
  });
});

describe('estimatePeakGflops', () => {
  it('multiplies SMs, FP32 lanes, 2 and the clock', () => {
    // H100: 132 SMs × 128 × 2 × 1.755 GHz = 59,304.96 GFLOP/s
    expect(
      estimatePeakGflops({ name: 'H100', computeCapability: '9.0', multiprocessors: 132, clockMHz: 1755 }),
    ).toBeCloseTo(59_304.96, 6);
    // A100 (8.0) has 64 FP32 lanes per SM: 108 × 64 × 2 × 1.41 GHz = 19,491 GFLOP/s
    expect(
      estimatePeakGflops({ name: 'A100', computeCapability: '8.0', multiprocessors: 108, clockMHz: 1410 }),
    ).toBeCloseTo(19_491.84, 6);
  });
  it('knows nothing about adapters and CPU emulation', () => {
    expect(estimatePeakGflops({ name: 'SwiftShader' })).toBeNull();
    expect(estimatePeakGflops({ name: 'cpu', emulation: true, cores: 2 })).toBeNull();
  });
});
