/** The browser side: runs the workload on this browser's WebGPU (app/gpu/runner.ts). */
import { describePhase } from '../../core/progress';
import type { SideResult } from '../../core/result';
import type { Workload } from '../../core/workload';
import { WebGpuError } from '../gpu/errors';
import type { SourceDiagnostic } from './diagnostics';
import type { SideError } from './side-state';

export function hasWebGpu(): boolean {
  return typeof navigator !== 'undefined' && 'gpu' in navigator && !!navigator.gpu;
}

export const NO_WEBGPU_HINT =
  'This browser does not expose WebGPU (navigator.gpu). Use a recent Chrome or Edge, Safari 26+, or ' +
  'Firefox 141+ on Windows; on Linux Chrome may need chrome://flags/#enable-unsafe-webgpu. The remote ' +
  'side still runs.';

interface CompilationMessageLike {
  message?: unknown;
  type?: unknown;
  lineNum?: unknown;
  linePos?: unknown;
  line?: unknown;
  col?: unknown;
  length?: unknown;
}

/** getCompilationInfo messages (or anything shaped like them) as editor diagnostics marked "WebGPU". */
export function webGpuDiagnostics(messages: unknown): SourceDiagnostic[] {
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((m: unknown): SourceDiagnostic[] => {
    if (typeof m === 'string') return [{ source: 'WebGPU', line: 1, col: 1, severity: 'error', message: m }];
    if (!m || typeof m !== 'object') return [];
    const c = m as CompilationMessageLike;
    const type = c.type === 'warning' ? 'warning' : c.type === 'info' ? 'info' : 'error';
    const d: SourceDiagnostic = {
      source: 'WebGPU',
      line: Math.max(1, Number(c.lineNum ?? c.line ?? 1) || 1),
      col: Math.max(1, Number(c.linePos ?? c.col ?? 1) || 1),
      severity: type,
      message: String(c.message ?? ''),
    };
    if (typeof c.length === 'number' && c.length > 0) d.length = c.length;
    return [d];
  });
}

const TITLES: Record<string, string> = {
  unavailable: 'No WebGPU in this browser',
  feature: 'This GPU lacks a feature the kernel needs',
  limit: 'The kernel needs more than this GPU allows',
  compile: 'WebGPU rejected the shader',
  validation: 'WebGPU validation error',
  lost: 'The WebGPU device was lost',
};

export function localError(e: unknown): SideError {
  if (e instanceof WebGpuError) {
    const diagnostics = webGpuDiagnostics(e.messages);
    const err: SideError = {
      kind: e.kind,
      title: TITLES[e.kind] ?? 'WebGPU error',
      message: e.message,
    };
    if (e.kind === 'unavailable') err.hint = NO_WEBGPU_HINT;
    if (e.kind === 'lost') err.hint = 'Run again; if it repeats, reload the page.';
    if (diagnostics.length) err.diagnostics = diagnostics;
    return err;
  }
  if (e instanceof DOMException && e.name === 'AbortError') {
    return { kind: 'cancelled', title: 'Cancelled', message: 'The run was cancelled.' };
  }
  return { kind: 'internal', title: 'Local run failed', message: e instanceof Error ? e.message : String(e) };
}

export const NO_WEBGPU_ERROR: SideError = {
  kind: 'unavailable',
  title: TITLES.unavailable!,
  message: 'navigator.gpu is not available in this browser.',
  hint: NO_WEBGPU_HINT,
};

export async function runLocalSide(
  workload: Workload,
  signal: AbortSignal,
  onPhase: (phase: string) => void,
): Promise<SideResult> {
  // Loaded on demand: the runner touches WebGPU globals (GPUBufferUsage) when it loads, which do not
  // exist on the server or in a browser without WebGPU; it also stays out of the first paint.
  const { runOnWebGPU } = await import('../gpu/runner');
  return runOnWebGPU(workload, {
    signal,
    onPhase: (p) => onPhase(describePhase(p.phase, p.sample, p.of)),
  });
}
