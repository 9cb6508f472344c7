/**
 * An embedded CPU-backend daemon on loopback (daemon/daemon.ts `startDaemon`, as `duet run` starts it):
 * in this process, for benches that talk to the daemon through daemon-client/ without the web
 * server. A daemon in a process of its own: testkit/daemon-process.ts.
 */

import { type DaemonTarget, getDaemonInfo } from '#daemon-client';
import { ensureExecutorBuilt } from '../cli/ensure-executor';
import type { Limits } from '../daemon/config';
import { startDaemon } from '../daemon/daemon';

export interface EmbeddedOptions {
  /** The executor's compile cache folder (default: the user's, as `npm start` uses). */
  cacheDir?: string;
  limits?: Partial<Limits>;
}

/** Starts a daemon, waits until its executor answers, runs `fn`, and always closes the daemon. */
export async function withEmbeddedDaemon<T>(
  opts: EmbeddedOptions,
  fn: (t: DaemonTarget) => Promise<T>,
): Promise<T> {
  const missing = ensureExecutorBuilt();
  if (missing) throw new Error(missing);
  const daemon = await startDaemon({
    host: '127.0.0.1',
    port: 0,
    backend: 'cpu',
    cacheDir: opts.cacheDir,
    limits: opts.limits,
    log: () => {},
  });
  try {
    const target = { url: daemon.url, token: daemon.token };
    const end = Date.now() + 60_000;
    while ((await getDaemonInfo(target)).executor.state !== 'ready') {
      if (Date.now() > end) throw new Error('the embedded daemon’s executor did not become ready in 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    return await fn(target);
  } finally {
    await daemon.close();
  }
}
