/**
 * Which program runs as the executor. Normally the C++ binary built by
 * `node scripts/build-executor.mjs`; `DUET_EXECUTOR` (or the `executorPath` option) points the
 * daemon at another program, e.g. a fake one in the supervisor's failure tests. A `.mjs`/`.js`
 * path runs under this same Node.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutorCommand } from './executor-process';

export type BackendChoice = 'auto' | 'cuda' | 'cpu';

export const DEFAULT_EXECUTOR_PATH = fileURLToPath(
  new URL('./executor/build/duet-executor', import.meta.url),
);

export function defaultCacheDir(): string {
  return (
    process.env.DUET_CACHE_DIR ||
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'duet', 'kernels')
  );
}

export function executorCommand(opts: {
  backend: BackendChoice;
  executorPath?: string;
  cacheDir?: string;
  /** The executor refuses to say `ready` unless every wall of its sandbox is up (wall 3). */
  requireSandbox?: boolean;
  /** CPU backend worker threads; absent: one per hardware thread. */
  threads?: number;
}): ExecutorCommand {
  const path = opts.executorPath || process.env.DUET_EXECUTOR || DEFAULT_EXECUTOR_PATH;
  const args = ['--backend', opts.backend, '--cache-dir', opts.cacheDir ?? defaultCacheDir()];
  if (opts.requireSandbox) args.push('--require-sandbox');
  if (opts.threads !== undefined) args.push('--threads', String(opts.threads));
  if (/\.(mjs|cjs|js)$/.test(path)) return { file: process.execPath, args: [path, ...args] };
  return { file: path, args };
}
