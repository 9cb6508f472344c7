// Types for scripts/launch-daemon.mjs (plain JS: scripts/start.mjs uses it without a TypeScript loader).
import type { ChildProcess } from 'node:child_process';

export interface LaunchOptions {
  token: string;
  backend?: 'auto' | 'cuda' | 'cpu';
  /** 0 (the default): a free port the kernel picks. */
  port?: number;
  /** A limits file (`duet daemon --config`). */
  config?: string;
  /** More environment for the daemon (DUET_CACHE_DIR, the fake CUDA driver's variables). */
  env?: Record<string, string | undefined>;
  /** Also write the daemon's stdout and stderr to this process's. */
  echo?: boolean;
  startMs?: number;
}

export interface LaunchedDaemon {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the daemon is gone. */
  exited: Promise<number | string | null>;
  /** The last 20 000 characters the daemon wrote to stderr. */
  stderr(): string;
  /** `signal` (SIGTERM), then waits up to `waitMs` (10 s) for the exit. */
  stop(signal?: NodeJS.Signals, waitMs?: number): Promise<void>;
}

export function launchDaemon(opts: LaunchOptions): Promise<LaunchedDaemon>;
