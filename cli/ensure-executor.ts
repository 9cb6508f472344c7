/**
 * The embedded daemon needs the C++ executor. Build it on first use (scripts/build-executor.mjs),
 * with the build's output on stderr so `--json` output on stdout stays clean.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EXECUTOR_PATH } from '../daemon/executor-command';

const BUILD_SCRIPT = fileURLToPath(new URL('../scripts/build-executor.mjs', import.meta.url));

/** null when the executor is there (or DUET_EXECUTOR points elsewhere), else why it is not. */
export function ensureExecutorBuilt(): string | null {
  if (process.env.DUET_EXECUTOR || existsSync(DEFAULT_EXECUTOR_PATH)) return null;
  if (!existsSync(BUILD_SCRIPT)) return `the executor is not built and ${BUILD_SCRIPT} is missing`;
  process.stderr.write('duet: building the executor (first run only)…\n');
  const r = spawnSync(process.execPath, [BUILD_SCRIPT], { stdio: ['ignore', 2, 2] });
  if (r.status !== 0 || !existsSync(DEFAULT_EXECUTOR_PATH)) {
    return `building the executor failed (node ${BUILD_SCRIPT} exited with ${r.status ?? r.signal})`;
  }
  return null;
}
