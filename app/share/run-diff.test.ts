import { describe, expect, it } from 'vitest';
import { type StoredRun, shareInputSchema } from '../../server/share/record';
import { sampleRun } from '../../server/share/testkit/fixture';
import { deviceDiff, workloadDiff } from './run-diff';

function stored(n: number, edit: (r: ReturnType<typeof sampleRun>) => void = () => {}): StoredRun {
  const raw = sampleRun(n);
  edit(raw);
  return { ...shareInputSchema.parse(raw), v: 1, id: `id${n}`, createdAt: '2026-01-01T00:00:00.000Z' };
}

describe('workloadDiff / deviceDiff', () => {
  it('finds nothing between a run and itself', () => {
    const a = stored(1);
    expect(workloadDiff(a, a)).toEqual([]);
    expect(deviceDiff(a, a)).toEqual([]);
  });

  it('names each workload field that differs, bindings by name, the WGSL by lines', () => {
    const a = stored(1);
    const b = stored(1, (r) => {
      r.workload.dispatch = [32, 1, 1];
      (r.workload.bindings[0] as { length: number }).length = 2048;
      r.workload.wgsl += '\n// another line';
    });
    expect(workloadDiff(a, b)).toEqual([
      { path: 'wgsl', a: '0 line(s) only in A', b: '1 line(s) only in B' },
      { path: 'bindings.y.length', a: '1024', b: '2048' },
      { path: 'dispatch', a: '[16,1,1]', b: '[32,1,1]' },
    ]);
  });

  it('names the device fields and environment that differ', () => {
    const a = stored(1);
    const b = stored(1, (r) => {
      (r.remote.device as { cpuModel: string }).cpuModel = 'Other CPU';
      r.environment = { ...r.environment, daemon: { version: '9.9.9' } };
    });
    const paths = deviceDiff(a, b).map((d) => d.path);
    expect(paths).toContain('remote.device.cpuModel');
    expect(paths.some((p) => p.startsWith('environment.daemon'))).toBe(true);
    expect(deviceDiff(a, b).find((d) => d.path === 'remote.device.cpuModel')).toEqual({
      path: 'remote.device.cpuModel',
      a: '"Test CPU"',
      b: '"Other CPU"',
    });
  });
});
