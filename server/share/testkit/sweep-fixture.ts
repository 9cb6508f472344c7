/** A realistic shared sweep for tests: three points, a failed local side at the largest. */
import { LINKS } from '../../../core/links';
import type { SweepInputRaw } from '../sweep-record';

export function sampleSweep(points = 3): SweepInputRaw {
  const done = (kernelMs: number, backend: 'webgpu' | 'cpu') => ({
    status: 'done' as const,
    phases: { uploadMs: 0.2, kernelMs, downloadMs: 0.3, ...(backend === 'cpu' ? { transportMs: 1.1 } : {}) },
    backend,
    device:
      backend === 'cpu'
        ? { name: 'CPU emulation', cpuModel: 'Test CPU', cores: 2, emulation: true }
        : // Not on the allowlist: must never be stored.
          ({ name: 'SwiftShader', vendor: 'google', hostname: 'alice-laptop.local' } as never),
  });
  return {
    preset: { id: 'saxpy', name: 'saxpy' },
    param: 'N',
    unit: 'elements',
    base: { N: 1024 },
    daemon: 'one',
    points: Array.from({ length: points }, (_, i) => {
      const value = 1024 * 4 ** i;
      return {
        value,
        bytesUp: value * 8,
        bytesDown: value * 4,
        metrics: { bytes: value * 12, flops: value * 2 },
        local:
          i === points - 1
            ? { status: 'error' as const, message: 'WebGPU device lost' }
            : done(0.5 * (i + 1), 'webgpu'),
        remote: done(0.1 * (i + 1), 'cpu'),
      };
    }),
    links: LINKS.map((l) => ({ ...l, range: [...l.range], sources: l.sources.map((s) => ({ ...s })) })),
    environment: { browser: { family: 'Chrome', version: '140' }, daemon: { version: '0.1.0' } },
  };
}
