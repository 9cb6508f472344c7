import { describe, expect, it } from 'vitest';
import { hasNvcc } from '../compiler/testkit/native';
import { compareQuality } from './cuda-quality.bench';
import { QUALITY_PRESETS } from './cuda-timing';

// nvcc without a GPU compiles both kernels of a preset (bench/cuda-quality.bench.ts), as the bench does.
describe.skipIf(!hasNvcc())('generated CUDA against the hand-written kernels', () => {
  it('has a hand-written kernel for every preset of the bench', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(new URL('./cuda-handwritten/', import.meta.url)).filter((f) =>
      f.endsWith('.cu'),
    );
    expect(files.map((f) => f.slice(0, -3)).sort()).toEqual([...QUALITY_PRESETS].sort());
  });

  it('reduce-workgroup: the stride loop is unrolled as in the hand-written kernel, so no more registers', () => {
    // With an abort poll in the 8-step stride loop, nvcc kept the loop: 16 registers against 12.
    const r = compareQuality('reduce-workgroup');
    expect(r.handWritten.ptx.hotLoop).toBeNull();
    expect(r.generated.spillStores + r.generated.spillLoads).toBe(0);
    expect(r.ratios.registers).toBeLessThanOrEqual(1.25);
  });

  it('saxpy: x[i] and y[i] share one byte offset, each clamped to its own view, within 1.25 x the registers', () => {
    // duet_rt clamping indices gave each view its own clamped index and 64-bit offset: 14 registers against 10.
    const r = compareQuality('saxpy');
    expect(r.generated.spillStores + r.generated.spillLoads).toBe(0);
    expect(r.ratios.registers).toBeLessThanOrEqual(1.25);
  });

  it('matmul-tiled: the 16-step inner product is unrolled, leaving the loop over K as the hot loop', () => {
    const r = compareQuality('matmul-tiled');
    expect(r.compared).toBe('hot loop');
    expect(r.generated.ptx.hotLoop?.depth).toBe(r.handWritten.ptx.hotLoop?.depth);
    expect(r.generated.ptx.hotLoop?.depth).toBe(0);
    expect(r.ratios.registers).toBeLessThanOrEqual(1.25);
  });
});
