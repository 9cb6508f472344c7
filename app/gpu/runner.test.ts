/**
 * The runner outside a browser: importing it must not touch WebGPU globals (server rendering, browsers
 * without WebGPU), and running must say plainly that WebGPU is unavailable. The GPU path itself is
 * tested in headless Chromium by cli/webgpu.test.ts.
 */
import { expect, it } from 'vitest';
import { workloadSchema } from '../../core/workload';
import { WebGpuError } from './errors';
import { runOnWebGPU } from './runner';

it('rejects with kind "unavailable" where there is no navigator.gpu', async () => {
  expect(typeof (globalThis as { GPUBufferUsage?: unknown }).GPUBufferUsage).toBe('undefined');
  const w = workloadSchema.parse({
    name: 't',
    wgsl: '@compute @workgroup_size(1) fn main() {}',
    entryPoint: 'main',
    dispatch: [1, 1, 1],
    bindings: [{ group: 0, binding: 0, name: 'o', kind: 'storage', element: 'u32', length: 1, output: true }],
  });
  const err = await runOnWebGPU(w).catch((e) => e);
  expect(err).toBeInstanceOf(WebGpuError);
  expect(err.kind).toBe('unavailable');
});

it('rejects at once when the signal is already aborted', async () => {
  const w = workloadSchema.parse({
    name: 't',
    wgsl: 'x',
    entryPoint: 'main',
    dispatch: [1, 1, 1],
    bindings: [{ group: 0, binding: 0, name: 'o', kind: 'storage', element: 'u32', length: 1, output: true }],
  });
  const err = await runOnWebGPU(w, { signal: AbortSignal.abort() }).catch((e) => e);
  expect((err as Error).name).toBe('AbortError');
});
