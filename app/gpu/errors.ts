/**
 * The one error type the WebGPU runner throws (docs/contracts.md §8), so the page and the CLI can
 * say precisely what went wrong: no WebGPU at all, a missing feature, a shader that does not
 * compile (with positions), a validation error, a limit the adapter cannot meet, or a lost device.
 * Cancellation is not a WebGpuError: it rejects with the AbortSignal's reason (an AbortError).
 */
export type WebGpuErrorKind = 'unavailable' | 'feature' | 'limit' | 'compile' | 'validation' | 'lost';

/** A shader compilation message; positions are 1-based like GPUCompilationMessage (0 = unknown). */
export interface WebGpuMessage {
  type: 'error' | 'warning' | 'info';
  message: string;
  lineNum: number;
  linePos: number;
  offset: number;
  length: number;
}

export class WebGpuError extends Error {
  override readonly name = 'WebGpuError';
  readonly kind: WebGpuErrorKind;
  readonly messages?: WebGpuMessage[];

  constructor(kind: WebGpuErrorKind, message: string, messages?: WebGpuMessage[]) {
    super(message);
    this.kind = kind;
    if (messages) this.messages = messages;
  }

  /** Plain data for crossing a structured-clone or page.evaluate boundary. */
  toJSON(): { kind: WebGpuErrorKind; message: string; messages?: WebGpuMessage[] } {
    return { kind: this.kind, message: this.message, ...(this.messages ? { messages: this.messages } : {}) };
  }
}

export function isWebGpuError(e: unknown): e is WebGpuError {
  return e instanceof WebGpuError;
}

/** "3:14: error: message" lines, in the style of the translator's diagnostics. */
export function formatMessages(messages: readonly WebGpuMessage[]): string {
  return messages.map((m) => `${m.lineNum}:${m.linePos}: ${m.type}: ${m.message}`).join('\n');
}
