/**
 * Error scopes (WebGPU spec §22.3): WebGPU reports most mistakes asynchronously, not by throwing.
 * Wrapping a step in validation and out-of-memory scopes turns its errors into a WebGpuError that
 * names the step, instead of a console warning and a wrong answer.
 */
import { WebGpuError } from './errors';

export async function withValidation<T>(device: GPUDevice, step: string, body: () => T): Promise<T> {
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: body() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  // Pop both scopes even when body threw, or later errors would land in a stale scope.
  const validation = device.popErrorScope();
  const memory = device.popErrorScope();
  const [v, m] = await Promise.all([validation, memory]);
  if (!outcome.ok) throw outcome.error;
  if (v) throw new WebGpuError('validation', `${step}: ${v.message}`);
  if (m) throw new WebGpuError('validation', `${step}: out of GPU memory: ${m.message}`);
  return outcome.value;
}
