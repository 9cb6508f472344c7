/**
 * The one error a daemon call fails with: its `kind` (core/errors.ts) says what went wrong, its
 * message is one a person can act on, and `hint` says how to fix it where there is a fix.
 */
import type { Diagnostic } from '../core/diagnostics';
import type { DaemonErrorKind } from '../core/errors';
import type { WorkloadIssue } from '../core/workload';

export class DaemonError extends Error {
  override name = 'DaemonError';
  status?: number;
  issues?: WorkloadIssue[];
  diagnostics?: Diagnostic[];
  limit?: { name: string; value: number; max: number };
  retryAfterS?: number;
  hint?: string;
  /** The run's failure code from the daemon/executor (compile, launch, time-limit, executor, …). */
  code?: string;
  /** Compiler output when the generated source failed to build. */
  log?: string;

  constructor(
    readonly kind: DaemonErrorKind,
    message: string,
    extra: Partial<Omit<DaemonError, 'kind' | 'message' | 'name'>> = {},
  ) {
    super(message);
    Object.assign(this, extra);
  }
}
