/**
 * A CPU-backend daemon in its own process (`duet daemon`, as `npm start` runs it) on a free loopback
 * port, for benches where the client and the daemon must not share one event loop: on a 2-core
 * machine an embedded daemon's socket writes and the client's decoding would take turns on one thread.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type DaemonTarget, getDaemonInfo } from '#daemon-client';
import { ensureExecutorBuilt } from '../cli/ensure-executor';
import { freePort, root } from './stack';

/** Starts the daemon, waits until its executor answers, runs `fn`, and always stops the daemon. */
export async function withDaemonProcess<T>(fn: (t: DaemonTarget) => Promise<T>): Promise<T> {
  const missing = ensureExecutorBuilt();
  if (missing) throw new Error(missing);
  const port = await freePort();
  const token = randomBytes(18).toString('base64url');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'bin', 'duet.mjs'),
      'daemon',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--backend',
      'cpu',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DUET_TOKEN: token } },
  );
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  try {
    const target = { url: `http://127.0.0.1:${port}`, token };
    const end = Date.now() + 60_000;
    for (;;) {
      if (exited !== undefined) throw new Error(`the daemon process exited (${exited}) before it was ready`);
      if (Date.now() > end) throw new Error('the daemon process did not become ready in 60 s');
      const ready = await getDaemonInfo(target).then(
        (i) => i.executor.state === 'ready',
        () => false,
      );
      if (ready) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return await fn(target);
  } finally {
    child.kill('SIGTERM');
  }
}
