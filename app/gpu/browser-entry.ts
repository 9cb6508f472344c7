/**
 * Entry point of the browser bundle that `duet run --backend webgpu` (cli/webgpu.ts) loads into
 * headless Chromium: the very runner the page uses, behind a JSON-only interface, because only
 * structured-cloneable values cross page.evaluate (class instances and typed arrays do not survive).
 */
import type { SideResult } from '../../core/result';
import type { Workload } from '../../core/workload';
import { bytesToBase64 } from './base64';
import { isWebGpuError, type WebGpuErrorKind, type WebGpuMessage } from './errors';
import { type PhaseEvent, runOnWebGPU } from './runner';

/**
 * Outputs as [binding name, base64] pairs: an object keyed by binding names would not survive
 * page.evaluate's serialization with a binding called `__proto__` (core/named.ts).
 */
export type EncodedOutputs = [name: string, base64: string][];

export type SerializedResult = Omit<SideResult, 'outputs'> & { outputs: EncodedOutputs };

export type SerializedOutcome =
  | { ok: true; result: SerializedResult; finalOutputs?: EncodedOutputs }
  | {
      ok: false;
      error: { name: string; message: string; kind?: WebGpuErrorKind; messages?: WebGpuMessage[] };
    };

export interface DuetBrowserApi {
  /** `workloadJson`: the workload as JSON text, parsed here (its records keep every key). */
  run(workloadJson: string, options?: { finalOutputs?: boolean }): Promise<SerializedOutcome>;
  abort(): void;
}

declare global {
  // Exposed by cli/webgpu.ts with page.exposeFunction, when the caller wants phase events.
  var __duetPhase: ((event: PhaseEvent) => void) | undefined;
  var duet: DuetBrowserApi;
}

let controller: AbortController | undefined;

function encodeOutputs(outputs: Record<string, Uint8Array>): EncodedOutputs {
  return Object.entries(outputs).map(([name, bytes]) => [name, bytesToBase64(bytes)]);
}

async function run(
  workloadJson: string,
  options: { finalOutputs?: boolean } = {},
): Promise<SerializedOutcome> {
  controller = new AbortController();
  const workload = JSON.parse(workloadJson) as Workload;
  let finalOutputs: EncodedOutputs | undefined;
  try {
    const result = await runOnWebGPU(workload, {
      signal: controller.signal,
      onPhase: (event) => globalThis.__duetPhase?.(event),
      ...(options.finalOutputs
        ? { onFinalOutputs: (o: Record<string, Uint8Array>) => (finalOutputs = encodeOutputs(o)) }
        : {}),
    });
    return {
      ok: true,
      result: { ...result, outputs: encodeOutputs(result.outputs) },
      ...(finalOutputs ? { finalOutputs } : {}),
    };
  } catch (e) {
    const err = e as Error;
    if (isWebGpuError(e)) {
      return {
        ok: false,
        error: {
          name: e.name,
          message: e.message,
          kind: e.kind,
          ...(e.messages ? { messages: e.messages } : {}),
        },
      };
    }
    return { ok: false, error: { name: err?.name ?? 'Error', message: err?.message ?? String(e) } };
  }
}

globalThis.duet = { run, abort: () => controller?.abort() };
