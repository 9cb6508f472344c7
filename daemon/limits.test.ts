import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunPlan } from '../core/run-plan';
import { type WorkloadInput, workloadSchema } from '../core/workload';
import { ConfigError, DEFAULT_LIMITS, loadLimitsFile, resolveLimits } from './config';
import { checkPlannedBytes, checkWorkloadLimits } from './limits';
import { translatorFileName } from './run-service';

function workload(over: Partial<WorkloadInput> = {}) {
  return workloadSchema.parse({
    name: 't',
    wgsl: '@compute @workgroup_size(1) fn main() {}',
    entryPoint: 'main',
    dispatch: [4, 1, 1],
    bindings: [
      { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'f32', length: 1024, output: true },
    ],
    ...over,
  });
}

describe('limits config', () => {
  it('starts from the defaults and overrides by name', () => {
    expect(resolveLimits({})).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ maxRunMs: 500 }).maxRunMs).toBe(500);
  });

  it('rejects unknown names and bad values, naming them', () => {
    expect(() => resolveLimits({ maxRunMS: 5 })).toThrow(/maxRunMS/);
    expect(() => resolveLimits({ maxQueueLength: -1 })).toThrow(/maxQueueLength/);
  });

  it('reads a JSON file and says which file is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-limits-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ maxSamples: 7 }));
    expect(loadLimitsFile(good).maxSamples).toBe(7);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    expect(() => loadLimitsFile(bad)).toThrow(ConfigError);
    expect(() => loadLimitsFile(join(dir, 'missing.json'))).toThrow(/cannot read/);
  });
});

describe('checkWorkloadLimits', () => {
  const limits = { ...DEFAULT_LIMITS };

  it('passes a workload inside every limit', () => {
    expect(checkWorkloadLimits(workload(), limits)).toBeNull();
  });

  it('names the limit, the value and the maximum', () => {
    const v = checkWorkloadLimits(workload(), { ...limits, maxBindingBytes: 100 });
    expect(v).toMatchObject({ limit: 'maxBindingBytes', value: 4096, max: 100, path: 'bindings[0]' });
    expect(v!.message).toMatch(/maxBindingBytes/);
  });

  it("counts a texture's whole slot (header and every mip level) against maxBindingBytes", () => {
    const texture = {
      group: 0,
      binding: 1,
      name: 'src',
      kind: 'texture' as const,
      format: 'rgba32float',
      size: [64, 64],
      mipLevels: 7,
    };
    const w = workload({
      bindings: [
        { group: 0, binding: 0, name: 'out', kind: 'storage', element: 'f32', length: 4, output: true },
        texture,
      ],
    });
    // 16 bytes a texel over 64², 32², … 1² texels: 16 × 5461 = 87376, plus the 32-byte header.
    const v = checkWorkloadLimits(w, { ...limits, maxBindingBytes: 87407 });
    expect(v).toMatchObject({ limit: 'maxBindingBytes', value: 87408, path: 'bindings[1]' });
    expect(checkWorkloadLimits(w, { ...limits, maxBindingBytes: 87408 })).toBeNull();
  });

  it.each([
    ['maxWgslBytes', { maxWgslBytes: 10 }, {}],
    ['maxSamples', { maxSamples: 5 }, { runs: { warmup: 2, samples: 4 } }],
    [
      'maxDispatchWorkgroups',
      { maxDispatchWorkgroups: 100 },
      { dispatch: [10, 11, 1] as [number, number, number] },
    ],
    ['maxRunBytes', { maxRunBytes: 4095 }, {}],
  ])('enforces %s', (name, limitOver, workloadOver) => {
    expect(checkWorkloadLimits(workload(workloadOver), { ...limits, ...limitOver })?.limit).toBe(name);
  });

  it('checks every pass of a multi-pass workload', () => {
    const w = workload({
      entryPoint: undefined,
      dispatch: undefined,
      passes: [
        { entryPoint: 'main', dispatch: [1, 1, 1] },
        { entryPoint: 'main', dispatch: [1000, 1, 1] },
      ],
    });
    expect(checkWorkloadLimits(w, { ...limits, maxDispatchWorkgroups: 999 })).toMatchObject({
      path: 'passes[1].dispatch',
      value: 1000,
    });
  });
});

describe('planned bytes (bindings the workload leaves out still get buffers)', () => {
  const plan = (sizes: number[]): RunPlan => ({
    kernels: [],
    warnings: [],
    passes: [],
    outputs: [],
    slots: sizes.map((bytes, slot) => ({
      slot,
      name: `b${slot}`,
      bytes,
      kind: 'storage',
      init: { from: 'zeros' },
    })),
  });
  const limits = resolveLimits({ maxBindingBytes: 100, maxRunBytes: 150 });

  it('counts every planned slot against maxBindingBytes and maxRunBytes', () => {
    expect(checkPlannedBytes(plan([100, 50]), limits)).toBeNull();
    expect(checkPlannedBytes(plan([101]), limits)).toMatchObject({
      limit: 'maxBindingBytes',
      value: 101,
      path: 'wgsl',
    });
    expect(checkPlannedBytes(plan([100, 51]), limits)).toMatchObject({ limit: 'maxRunBytes', value: 151 });
  });
});

describe('translator file name', () => {
  it('keeps letters, digits, space, dot, dash and underscore, and nothing that can end a C++ comment', () => {
    expect(translatorFileName('saxpy f32-v2.1_x')).toBe('saxpy f32-v2.1_x');
    expect(translatorFileName('δέλτα 変数')).toBe('δέλτα 変数');
    expect(translatorFileName('x\n#include "/etc/passwd"\r\u2028\\//')).toBe('x__include __etc_passwd______');
  });
});
