/** What each panel shows: idle, running (with the phase), a result, or a designed error. */
import type { SideResult } from '../../core/result';
import type { WorkloadIssue } from '../../core/workload';
import type { SourceDiagnostic } from './diagnostics';

export interface SideError {
  /** Machine-readable kind: 'unavailable', 'compile', 'unreachable', 'translate', … */
  kind: string;
  /** One line saying what happened. */
  title: string;
  message: string;
  /** How to fix it, when known. */
  hint?: string;
  diagnostics?: SourceDiagnostic[];
  issues?: WorkloadIssue[];
  /** Long compiler output, shown folded. */
  log?: string;
  /** The daemon asked to wait this long before trying again (busy, rate limit). */
  retryAfterS?: number;
  /** The daemon limit that refused the run: name, the daemon's maximum, what the run asked for. */
  limit?: { name: string; value: number; max: number };
}

export interface RemoteExtras {
  runId: string;
  daemonUrl: string;
  /** The configured daemon's index that ran it (absent for stored runs). */
  daemonIndex?: number;
  /** The page left the choice to the server ('auto'): daemonIndex/daemonUrl say what it picked. */
  auto?: boolean;
  translate: { ms: number; cacheHit: boolean };
  /** Web server → daemon → web server, measured by the web server. */
  serverRoundTripMs: number;
  /** Browser → web server → browser, including fetching the output bytes. */
  browserRoundTripMs: number;
}

export type SideState<Extra = undefined> =
  | { status: 'idle' }
  | { status: 'running'; phase: string }
  | { status: 'done'; result: SideResult; extra: Extra }
  | { status: 'error'; error: SideError };

export type LocalState = SideState<undefined>;
export type RemoteState = SideState<RemoteExtras>;
