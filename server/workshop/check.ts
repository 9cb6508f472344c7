/**
 * Runs a workshop check on the daemon (docs/workshop.md): the student's kernel and the step's hidden
 * solution on the same workload, then core/workshop/verdict.ts. The solution's source never leaves
 * the server; only the verdict's sentence reaches the student. Both runs carry the student's client
 * id, so the daemon's fair queue and rate limits count this student for them.
 */

import { DaemonError, type DaemonTarget, type RemoteRunResult, submitRun } from '#daemon-client';
import { compareBinding } from '../../core/compare';
import type { RunEvent } from '../../core/progress';
import type { Workload } from '../../core/workload';
import type { LessonStep } from '../../core/workshop/lesson';
import { type CheckVerdict, judgeSubmission } from '../../core/workshop/verdict';
import { referenceInputs } from '../../shaders/lib/reference-kit';
import { REFERENCES } from '../../shaders/references.generated';
import { WorkshopError } from './errors';
import { resolveStep, withKernel } from './steps';

export interface CheckRun {
  target: DaemonTarget;
  clientId?: string;
  signal?: AbortSignal;
  /** The daemon's progress for each run of the check (queue place, phases). */
  onEvent?(e: RunEvent): void;
}

/** Failures the kernel itself causes; any other (unreachable, busy, …) is the daemon's. */
const KERNEL_FAULTS = new Set(['translate', 'run', 'timeout', 'invalid', 'limit']);

/** A run; a failure that is not the kernel's becomes WorkshopError 'daemon'. */
async function run(r: CheckRun, workload: Workload): Promise<RemoteRunResult> {
  try {
    return await submitRun(r.target, workload, {
      ...(r.clientId ? { clientId: r.clientId } : {}),
      ...(r.signal ? { signal: r.signal } : {}),
      ...(r.onEvent ? { onEvent: r.onEvent } : {}),
    });
  } catch (e) {
    if (e instanceof DaemonError && KERNEL_FAULTS.has(e.kind)) throw e;
    throw new WorkshopError('daemon', `The daemon could not run the check: ${(e as Error).message}`);
  }
}

const kernelFault = (e: unknown): e is DaemonError => e instanceof DaemonError && KERNEL_FAULTS.has(e.kind);

/** A student's kernel for step `index` against its hidden solution (and, for a speed goal, the starter). */
export async function checkSubmission(
  step: LessonStep,
  index: number,
  wgsl: string,
  r: CheckRun,
): Promise<CheckVerdict> {
  const { workload, solutionWgsl } = resolveStep(step, index);
  let student: RemoteRunResult;
  try {
    student = await run(r, withKernel(workload, wgsl));
  } catch (e) {
    if (kernelFault(e)) return { pass: false, reason: `your kernel did not run: ${e.message}`, kernelMs: 0 };
    throw e;
  }
  // The reference runs are the room's, not the student's: however they fail (a rate limit the
  // student's own runs reached included), the student is told the check could not run, not that
  // their kernel is at fault.
  const reference = (w: Workload, what: string) =>
    run(r, w).catch((e: unknown) => {
      if (e instanceof WorkshopError) throw e;
      throw new WorkshopError('daemon', `The check could not run ${what}: ${(e as Error).message}`);
    });
  const solution = await reference(withKernel(workload, solutionWgsl), "the step's solution");
  const starter =
    step.goal?.speedupOverStarter !== undefined ? await reference(workload, "the step's starter") : undefined;
  return judgeSubmission({
    workload,
    student: student.outputs,
    solution: solution.outputs,
    tolerance: step.check.tolerance,
    goal: step.goal,
    kernelMs: student.timings.kernel.median,
    starterKernelMs: starter?.timings.kernel.median,
  });
}

/**
 * Whether a step's solution passes its own check: it must translate and run, and where the starter
 * is a library preset with a CPU reference (shaders/<id>/reference.ts), agree with that reference.
 * Null when it does; else the reason, "steps[i]: the solution fails its own check: …". Timing goals
 * are not checked here: they depend on the device the room uses.
 */
export async function solutionProblem(step: LessonStep, index: number, r: CheckRun): Promise<string | null> {
  const at = `steps[${index}].check.solution`;
  const { workload, solutionWgsl } = resolveStep(step, index);
  const solved = withKernel(workload, solutionWgsl);
  let result: RemoteRunResult;
  try {
    result = await run(r, solved);
  } catch (e) {
    if (!kernelFault(e)) throw e;
    return `${at}: the solution fails its own check: it does not run: ${e.message}`;
  }
  const reference = step.starter.preset !== undefined ? REFERENCES[step.starter.preset] : undefined;
  if (!reference) return null;
  const expected = reference(solved, referenceInputs(solved));
  for (const binding of solved.bindings.filter((b) => b.output)) {
    const want = expected[binding.name];
    if (!want) continue;
    const got = result.outputs[binding.name] ?? new Uint8Array(0);
    // compareBinding, as the students' verdict does (core/workshop/verdict.ts): a storage texture
    // compares channel by channel.
    const tolerance = step.check.tolerance ?? binding.tolerance;
    const c = compareBinding(
      { ...binding, ...(tolerance ? { tolerance } : {}) },
      got,
      new Uint8Array(want.buffer, want.byteOffset, want.byteLength),
      { maxReported: 1 },
    );
    const first = c.firstMismatches[0];
    if (c.verdict === 'size-mismatch') {
      return `${at}: the solution fails its own check: ${binding.name} has ${got.byteLength} bytes, the reference ${want.byteLength}`;
    }
    if (c.verdict === 'mismatch' && first) {
      return `${at}: the solution fails its own check: ${binding.name}[${first.index}] is ${first.a}, the reference says ${first.b}`;
    }
  }
  return null;
}
