/**
 * `duet daemon` as a child process for tests and benches (scripts/launch-daemon.mjs, as `npm start`
 * runs it): for what an embedded daemon cannot do — measure the daemon's own memory, kill or
 * restart it, keep its socket writes off the test's event loop. Limits go in a limits file; the
 * compile cache is a fresh folder unless the caller names one (or asks for the user's, warm).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDaemonInfo } from '#daemon-client';
import { ensureExecutorBuilt } from '../cli/ensure-executor';
import type { Limits } from '../daemon/config';
import { fakeCudaEnv } from '../daemon/executor/fake-cuda';
import { type LaunchedDaemon, launchDaemon } from '../scripts/launch-daemon.mjs';

export interface DaemonProcessOptions {
  /** 0 (the default): a free port. */
  port?: number;
  token?: string;
  limits?: Partial<Limits>;
  /** 'fake-cuda': `--backend cuda` on the test-double driver (daemon/executor/tests/fake_cuda/: outputs are the inputs). */
  backend?: 'cpu' | 'fake-cuda';
  /** The compile cache: a folder, 'user' (the user's own, as `npm start` uses), or a fresh one (default). */
  cache?: string | 'user';
  env?: Record<string, string | undefined>;
  /** Also write the daemon's output to this process's (e2e logs). */
  echo?: boolean;
  /** Resolve only once the executor is ready (GET /v1/info), not when the daemon listens. */
  ready?: boolean;
}

export interface DaemonProcess {
  url: string;
  token: string;
  port: number;
  child: LaunchedDaemon['child'];
  /** Resident set size of the daemon process in bytes (Linux /proc). */
  rssBytes(): number;
  /** SIGTERM (or `signal`), then waits for the exit; removes the kit's temporary folder. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** The tail of the daemon's stderr. */
  log(): string;
}

export async function startDaemonProcess(opts: DaemonProcessOptions = {}): Promise<DaemonProcess> {
  const missing = ensureExecutorBuilt();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'duet-testkit-daemon-'));
  const config = join(dir, 'limits.json');
  writeFileSync(config, JSON.stringify(opts.limits ?? {}));
  const token = opts.token ?? `testkit-${process.pid}-${Date.now()}`;
  const env: Record<string, string | undefined> = {
    ...(opts.backend === 'fake-cuda' ? fakeCudaEnv() : {}),
    ...opts.env,
  };
  if (opts.cache !== 'user') env.DUET_CACHE_DIR = opts.cache ?? join(dir, 'cache');
  let launched: LaunchedDaemon;
  try {
    launched = await launchDaemon({
      token,
      backend: opts.backend === 'fake-cuda' ? 'cuda' : 'cpu',
      port: opts.port ?? 0,
      config,
      env,
      echo: opts.echo ?? false,
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const d: DaemonProcess = {
    url: launched.url,
    token,
    port: launched.port,
    child: launched.child,
    rssBytes() {
      const status = readFileSync(`/proc/${launched.child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
    },
    async stop(signal = 'SIGTERM') {
      await launched.stop(signal);
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => launched.stderr(),
  };
  if (opts.ready) {
    try {
      await waitExecutorReady(d);
    } catch (e) {
      await d.stop();
      throw e;
    }
  }
  return d;
}

/** Polls GET /v1/info until the executor is ready (bounded). */
export async function waitExecutorReady(d: { url: string; token: string }, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ready = await getDaemonInfo(d).then(
      (i) => i.executor.state === 'ready',
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the daemon at ${d.url} has no ready executor after ${ms / 1000} s`);
}

/** Starts a daemon process with a ready executor, runs `fn`, and always stops the daemon. */
export async function withDaemonProcess<T>(
  opts: DaemonProcessOptions,
  fn: (d: DaemonProcess) => Promise<T>,
): Promise<T> {
  const d = await startDaemonProcess({ ...opts, ready: true });
  try {
    return await fn(d);
  } finally {
    await d.stop();
  }
}
