/**
 * A workshop check's verdict (docs/workshop.md): the student's outputs against the hidden solution's,
 * run on the same inputs, compared element by element (core/compare.ts) within the step's tolerance,
 * then the timing goal on the warm device time. Pure: the server runs both kernels on the daemon.
 */
import { compareBinding, formatTolerance } from '../compare';
import { ownEntry } from '../named';
import type { Tolerance, Workload } from '../workload';
import type { StepGoal } from './lesson';

export interface CheckVerdict {
  pass: boolean;
  /** One sentence for the student: why it passed or failed. */
  reason: string;
  /** The student's warm device time: median of the timed kernel samples, in ms. */
  kernelMs: number;
}

export interface CheckInputs {
  workload: Workload;
  student: Readonly<Record<string, Uint8Array>>;
  solution: Readonly<Record<string, Uint8Array>>;
  tolerance?: Tolerance | undefined;
  goal?: StepGoal | undefined;
  kernelMs: number;
  /** The starter's warm device time, when the goal asks for a speedup over it. */
  starterKernelMs?: number | undefined;
}

const ms = (v: number) => `${v.toPrecision(3)} ms`;

export function judgeSubmission(c: CheckInputs): CheckVerdict {
  const verdict = (pass: boolean, reason: string): CheckVerdict => ({ pass, reason, kernelMs: c.kernelMs });
  for (const binding of c.workload.bindings.filter((b) => b.output)) {
    const got = ownEntry(c.student, binding.name) ?? new Uint8Array(0);
    const want = ownEntry(c.solution, binding.name) ?? new Uint8Array(0);
    // compareBinding: a storage texture compares channel by channel (core/texture-compare.ts).
    const tolerance = c.tolerance ?? binding.tolerance;
    const r = compareBinding({ ...binding, ...(tolerance ? { tolerance } : {}) }, got, want, {
      maxReported: 1,
    });
    if (r.verdict === 'size-mismatch') {
      return verdict(false, `${binding.name}: ${got.byteLength} bytes written, expected ${want.byteLength}`);
    }
    const first = r.firstMismatches[0];
    if (r.verdict === 'mismatch' && first) {
      return verdict(
        false,
        `${binding.name}[${first.index}] is ${first.a}, expected ${first.b} (${r.mismatchCount} of ${r.count} elements beyond ${formatTolerance(r.tolerance)})`,
      );
    }
  }
  const goal = c.goal;
  if (goal?.maxKernelMs !== undefined && !(c.kernelMs < goal.maxKernelMs)) {
    return verdict(
      false,
      `correct, but the kernel took ${ms(c.kernelMs)}; the goal is under ${ms(goal.maxKernelMs)}`,
    );
  }
  if (goal?.speedupOverStarter !== undefined && c.starterKernelMs !== undefined) {
    const speedup = c.starterKernelMs / c.kernelMs;
    if (!(speedup >= goal.speedupOverStarter)) {
      return verdict(
        false,
        `correct, but ${speedup.toFixed(2)}× the starter's speed (${ms(c.kernelMs)} vs ${ms(c.starterKernelMs)}); the goal is ${goal.speedupOverStarter}×`,
      );
    }
  }
  return verdict(true, goal ? `correct, and the timing goal is met (${ms(c.kernelMs)})` : 'correct');
}
