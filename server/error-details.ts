/**
 * The structured part of an error that crosses tRPC: what kind of failure it is, how to fix it, and
 * where (workload field paths, translator line:col). Attached to a TRPCError as its `cause`.
 */
import type { PositionedMessage } from '../core/diagnostics';
import type { RunErrorKind } from '../core/errors';

export interface IssueDetail {
  path: string;
  message: string;
}

export interface ErrorDetails {
  kind: RunErrorKind;
  hint?: string;
  issues?: IssueDetail[];
  diagnostics?: PositionedMessage[];
  retryAfterS?: number;
  /** The daemon limit that refused the run: its name, the daemon's maximum, and what the run asked for. */
  limit?: { name: string; value: number; max: number };
  /** Compiler output when the generated source failed to build on the daemon. */
  log?: string;
}

/** Carrier for ErrorDetails; thrown as a TRPCError's cause. */
export class DetailedError extends Error {
  constructor(
    message: string,
    readonly details: ErrorDetails,
  ) {
    super(message);
    this.name = 'DetailedError';
  }
}

export function errorDetailsOf(cause: unknown): ErrorDetails | null {
  return cause instanceof DetailedError ? cause.details : null;
}
