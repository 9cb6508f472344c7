/**
 * A lesson step made concrete: the workload a student runs (the starter's, with the student's kernel
 * in place of the starter's) and the hidden solution's kernel, which the daemon runs on that same
 * workload, so both see the same inputs (seeded generators, core/generators.ts).
 */

import { parseWorkload, type Workload } from '../../core/workload';
import type { LessonStep } from '../../core/workshop/lesson';
import { getPreset, resolveLibraryPreset } from '../../shaders/index';

export class StepError extends Error {
  override name = 'StepError';
  constructor(
    /** Where in the lesson: `steps[1].starter.preset`. */
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

export interface ResolvedStep {
  /** The starter workload, starter kernel included. */
  workload: Workload;
  solutionWgsl: string;
}

function presetWgsl(id: string, path: string): string {
  const p = getPreset(id);
  if (!p) throw new StepError(path, `no preset "${id}" in shaders/`);
  return p.wgsl;
}

export function resolveStep(step: LessonStep, index: number): ResolvedStep {
  const at = `steps[${index}]`;
  let workload: Workload;
  const s = step.starter;
  if (s.preset !== undefined) {
    presetWgsl(s.preset, `${at}.starter.preset`);
    try {
      workload = resolveLibraryPreset(s.preset, s.params ?? {});
    } catch (e) {
      throw new StepError(`${at}.starter.params`, (e as Error).message);
    }
    if (s.wgsl !== undefined) workload = { ...workload, wgsl: s.wgsl };
  } else {
    const r = parseWorkload({ ...s.workload, wgsl: s.wgsl });
    if (!r.ok) throw new StepError(`${at}.starter.workload.${r.issues[0]?.path}`, r.issues[0]?.message ?? '');
    workload = r.workload;
  }
  const sol = step.check.solution;
  const solutionWgsl =
    sol.preset !== undefined ? presetWgsl(sol.preset, `${at}.check.solution.preset`) : (sol.wgsl as string);
  return { workload, solutionWgsl };
}

/** The workload with another kernel in it (the student's, or the solution). */
export function withKernel(workload: Workload, wgsl: string): Workload {
  return { ...workload, wgsl };
}
