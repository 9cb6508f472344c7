/**
 * One way to run workloads on a chosen side, opened once and used for one run (`duet run`) or many
 * (`duet bench`): a daemon given by URL, an embedded daemon started on loopback for the command's
 * lifetime, or headless Chromium.
 */

import { type DaemonTarget, getDaemonInfo, submitRun } from '#daemon-client';
import { describeRunEvent } from '../core/progress';
import type { SideResult } from '../core/result';
import type { Workload } from '../core/workload';
import type { Limits } from '../daemon/config';
import { startDaemon } from '../daemon/daemon';
import { UsageError } from './args';
import { ensureExecutorBuilt } from './ensure-executor';

export type SideChoice = 'cpu' | 'cuda' | 'webgpu';

export interface SideRunner {
  run(w: Workload, onProgress?: (line: string) => void): Promise<SideResult>;
  close(): Promise<void>;
}

export interface SideRunnerOptions {
  backend?: SideChoice;
  daemon?: string;
  token?: string;
  limits?: Limits;
}

function daemonRunner(target: DaemonTarget, close: () => Promise<void>): SideRunner {
  return {
    run: (w, onProgress) =>
      submitRun(target, w, {
        onEvent: (e) => {
          if (e.type !== 'accepted') onProgress?.(describeRunEvent(e));
        },
      }),
    close,
  };
}

export async function openSideRunner(opts: SideRunnerOptions): Promise<SideRunner> {
  if (opts.backend === 'webgpu') {
    if (opts.daemon) throw new UsageError('--daemon is for cpu/cuda; webgpu runs in a local browser');
    const { openChromiumRunner } = await import('./webgpu');
    const browser = await openChromiumRunner();
    return { run: (w) => browser.run(w), close: () => browser.close() };
  }
  if (opts.daemon) {
    if (!opts.token) throw new UsageError('--daemon needs a token: --token T or env DUET_TOKEN');
    const target: DaemonTarget = { url: opts.daemon, token: opts.token };
    if (opts.backend) {
      const info = await getDaemonInfo(target);
      if (info.backend && info.backend !== opts.backend) {
        throw new UsageError(
          `the daemon at ${opts.daemon} runs the ${info.backend} backend, not ${opts.backend}`,
        );
      }
    }
    return daemonRunner(target, async () => {});
  }
  const missing = ensureExecutorBuilt();
  if (missing) throw new Error(missing);
  const daemon = await startDaemon({
    host: '127.0.0.1',
    port: 0,
    backend: opts.backend ?? 'auto',
    // This daemon serves this one command: a sweep or `npm run verify:gpu` (three runs per kernel)
    // would otherwise stop at the shared daemon's per-client cap of runs per minute.
    limits: { maxRunsPerClientPerMinute: 1_000_000, ...opts.limits },
  });
  const target = { url: daemon.url, token: daemon.token };
  try {
    // Also warms up fetch, whose first use loads its HTTP stack: that is not transport time.
    await getDaemonInfo(target);
  } catch (e) {
    await daemon.close();
    throw e;
  }
  return daemonRunner(target, () => daemon.close());
}
