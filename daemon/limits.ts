/**
 * Checks a validated workload against the daemon's limits before any work (translation, input
 * generation, queueing) is spent on it. The first violation is reported with the limit's name,
 * the value asked for and the maximum, so the caller knows exactly what to shrink.
 */

import type { RunPlan } from '../core/run-plan';
import { bindingBytes, passesOf, type Workload } from '../core/workload';
import type { LimitName, Limits } from './config';

export interface LimitViolation {
  limit: LimitName;
  value: number;
  max: number;
  /** Which part of the workload asked for it, e.g. `bindings[2]`. */
  path: string;
  message: string;
}

function violation(limit: LimitName, value: number, max: number, path: string, what: string): LimitViolation {
  return {
    limit,
    value,
    max,
    path,
    message: `${what} is ${value}, more than this daemon's ${limit} of ${max}`,
  };
}

export function checkWorkloadLimits(w: Workload, limits: Limits): LimitViolation | null {
  const wgslBytes = Buffer.byteLength(w.wgsl, 'utf8');
  if (wgslBytes > limits.maxWgslBytes) {
    return violation('maxWgslBytes', wgslBytes, limits.maxWgslBytes, 'wgsl', 'the WGSL source size in bytes');
  }
  const samples = w.runs.warmup + w.runs.samples;
  if (samples > limits.maxSamples) {
    return violation('maxSamples', samples, limits.maxSamples, 'runs', 'warmup + samples');
  }
  const passes = passesOf(w);
  for (let i = 0; i < passes.length; i++) {
    const [x, y, z] = passes[i]!.dispatch;
    const workgroups = x * y * z;
    if (workgroups > limits.maxDispatchWorkgroups) {
      const path = w.passes ? `passes[${i}].dispatch` : 'dispatch';
      return violation(
        'maxDispatchWorkgroups',
        workgroups,
        limits.maxDispatchWorkgroups,
        path,
        'workgroups per dispatch',
      );
    }
  }
  let total = 0;
  for (let i = 0; i < w.bindings.length; i++) {
    const bytes = bindingBytes(w.bindings[i]!);
    if (bytes > limits.maxBindingBytes) {
      return violation(
        'maxBindingBytes',
        bytes,
        limits.maxBindingBytes,
        `bindings[${i}]`,
        `binding "${w.bindings[i]!.name}" size in bytes`,
      );
    }
    total += bytes;
  }
  if (total > limits.maxRunBytes) {
    return violation('maxRunBytes', total, limits.maxRunBytes, 'bindings', 'all bindings together in bytes');
  }
  return null;
}

/**
 * The same byte limits over the planned slots: a binding the module declares but the workload
 * leaves out still gets a zeroed buffer of the size the WGSL asks for (a fixed-size array can ask
 * for a lot), so the plan, not the workload, says what the executor will allocate.
 */
export function checkPlannedBytes(plan: RunPlan, limits: Limits): LimitViolation | null {
  let total = 0;
  for (const s of plan.slots) {
    if (s.bytes > limits.maxBindingBytes) {
      return violation(
        'maxBindingBytes',
        s.bytes,
        limits.maxBindingBytes,
        'wgsl',
        `binding "${s.name}" size in bytes`,
      );
    }
    total += s.bytes;
  }
  if (total > limits.maxRunBytes) {
    return violation('maxRunBytes', total, limits.maxRunBytes, 'wgsl', 'all bindings together in bytes');
  }
  return null;
}
