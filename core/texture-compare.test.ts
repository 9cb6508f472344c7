import { describe, expect, it } from 'vitest';
import { compareBinding, compareOutputs } from './compare';
import type { SideResult } from './result';
import type { Binding, Workload } from './workload';

const output = (format: string, tolerance?: Binding['tolerance']): Binding => ({
  group: 0,
  binding: 0,
  name: 'dst',
  kind: 'storage-texture',
  format,
  size: [2, 1],
  access: 'write',
  output: true,
  ...(tolerance ? { tolerance } : {}),
});
const u8 = (...v: number[]) => new Uint8Array(v);

describe('texture output comparison', () => {
  it('allows one unorm8 step (1/255) by default, not two', () => {
    const a = u8(10, 20, 30, 255, 0, 0, 0, 0);
    const one = compareBinding(output('rgba8unorm'), a, u8(11, 20, 30, 255, 0, 0, 0, 0));
    expect(one).toMatchObject({
      verdict: 'within-tolerance',
      format: 'rgba8unorm',
      differentCount: 1,
      maxUlp: 1,
    });
    expect(one.maxAbs).toBeCloseTo(1 / 255, 15);
    const two = compareBinding(output('rgba8unorm'), a, u8(10, 20, 32, 255, 0, 0, 0, 0));
    expect(two).toMatchObject({ verdict: 'mismatch', mismatchCount: 1 });
    // Channel index = texel × 4 + channel; values as WGSL reads them.
    expect(two.firstMismatches[0]).toMatchObject({ index: 2, a: 30 / 255, b: 32 / 255, ulp: 2 });
    expect(compareBinding(output('rgba8unorm', { ulp: 0 }), a, u8(11, 20, 30, 255, 0, 0, 0, 0)).verdict).toBe(
      'mismatch',
    );
  });

  it('reports bgra channels in rgba order', () => {
    // Stored b, g, r, a: the red channel (stored third) differs by 3.
    const r = compareBinding(
      output('bgra8unorm'),
      u8(0, 0, 100, 0, 0, 0, 0, 0),
      u8(0, 0, 103, 0, 0, 0, 0, 0),
    );
    expect(r.firstMismatches[0]).toMatchObject({ index: 0, ulp: 3 });
  });

  it('treats snorm -128 and -127 as the same value (both read -1)', () => {
    const r = compareBinding(
      output('rgba8snorm'),
      u8(0x80, 0, 0, 0, 0, 0, 0, 0),
      u8(0x81, 0, 0, 0, 0, 0, 0, 0),
    );
    expect(r.verdict).toBe('match');
  });

  it('compares 8-bit integer formats exactly and 32-bit float formats by f32 ULP', () => {
    expect(compareBinding(output('rgba8uint'), u8(1, 2, 3, 4), u8(1, 2, 3, 5)).verdict).toBe('mismatch');
    const f = (x: number) => new Uint8Array(new Float32Array([x, 0]).buffer);
    const r32 = compareBinding(output('r32float'), f(1), f(1 + 2 ** -23));
    expect(r32).toMatchObject({ verdict: 'within-tolerance', element: 'f32', format: 'r32float', maxUlp: 1 });
  });

  it('says size-mismatch when the sides return different texel counts', () => {
    expect(compareBinding(output('rgba8unorm'), u8(1, 2, 3, 4), u8(1, 2, 3, 4, 5, 6, 7, 8)).verdict).toBe(
      'size-mismatch',
    );
  });

  it('allows float outputs 3 × 2^-8 absolute when the workload filters linearly, not otherwise', () => {
    const f = (x: number) => new Uint8Array(new Float32Array([x, 0]).buffer);
    const side = (x: number) => ({
      backend: 'cpu' as const,
      device: { name: 'x' },
      timings: {} as SideResult['timings'],
      outputs: { dst: f(x) },
    });
    const smp = {
      group: 0,
      binding: 1,
      name: 'smp',
      kind: 'sampler' as const,
      sampler: { filter: 'linear' as const },
    };
    const w = (bindings: Binding[]): Workload => ({
      name: 'w',
      wgsl: 'x',
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings,
      runs: { warmup: 0, samples: 1 },
    });
    const out = output('rgba32float');
    expect(compareOutputs(w([out, smp]), side(0.5), side(0.511))[0]!.verdict).toBe('within-tolerance');
    expect(compareOutputs(w([out, smp]), side(0.5), side(0.52))[0]!.verdict).toBe('mismatch');
    expect(compareOutputs(w([out]), side(0.5), side(0.511))[0]!.verdict).toBe('mismatch');
  });
});
