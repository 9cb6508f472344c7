/** The check's verdict: first mismatch, size, and both kinds of timing goal. */
import { describe, expect, it } from 'vitest';
import type { Workload } from '../workload';
import { judgeSubmission } from './verdict';

const workload: Workload = {
  name: 'w',
  wgsl: 'x',
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings: [{ group: 0, binding: 0, name: 'y', kind: 'storage', element: 'f32', length: 3, output: true }],
  runs: { warmup: 0, samples: 1 },
} as Workload;
const f32 = (...v: number[]) => new Uint8Array(new Float32Array(v).buffer);

describe('judgeSubmission', () => {
  it('passes equal outputs', () => {
    const v = judgeSubmission({
      workload,
      student: { y: f32(1, 2, 3) },
      solution: { y: f32(1, 2, 3) },
      kernelMs: 1,
    });
    expect(v).toEqual({ pass: true, reason: 'correct', kernelMs: 1 });
  });

  it('names the first element beyond the tolerance', () => {
    const v = judgeSubmission({
      workload,
      student: { y: f32(1, 5, 7) },
      solution: { y: f32(1, 2, 3) },
      kernelMs: 1,
    });
    expect(v.pass).toBe(false);
    expect(v.reason).toMatch(/^y\[1\] is 5, expected 2 \(2 of 3 elements beyond/);
  });

  it('uses the step tolerance over the binding default', () => {
    const v = judgeSubmission({
      workload,
      student: { y: f32(1, 2.05, 3) },
      solution: { y: f32(1, 2, 3) },
      tolerance: { abs: 0.1 },
      kernelMs: 1,
    });
    expect(v.pass).toBe(true);
  });

  it('fails a short output', () => {
    const v = judgeSubmission({
      workload,
      student: { y: f32(1) },
      solution: { y: f32(1, 2, 3) },
      kernelMs: 1,
    });
    expect(v.reason).toBe('y: 4 bytes written, expected 12');
  });

  it('fails a correct kernel that misses the time goal', () => {
    const same = { workload, student: { y: f32(1) }, solution: { y: f32(1) } };
    expect(judgeSubmission({ ...same, goal: { maxKernelMs: 2 }, kernelMs: 3 }).reason).toMatch(
      /^correct, but the kernel took 3\.00 ms; the goal is under 2\.00 ms/,
    );
    expect(judgeSubmission({ ...same, goal: { maxKernelMs: 2 }, kernelMs: 1 }).pass).toBe(true);
    const slow = judgeSubmission({
      ...same,
      goal: { speedupOverStarter: 2 },
      kernelMs: 3,
      starterKernelMs: 4,
    });
    expect(slow.reason).toMatch(/1\.33× the starter's speed .* the goal is 2×/);
    expect(
      judgeSubmission({ ...same, goal: { speedupOverStarter: 2 }, kernelMs: 1, starterKernelMs: 4 }).pass,
    ).toBe(true);
  });
});
