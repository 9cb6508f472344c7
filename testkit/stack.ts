/**
 * The whole stack on free loopback ports, as `npm start` runs it: daemons in processes of their
 * own (testkit/daemon-process.ts, each with its own limits; CPU emulation or the fake CUDA driver)
 * and the web server (scripts/web-server.mjs) talking to them, daemon i being the page's daemon i.
 * Uses the production build (`build: true` makes it first, as `npm start` does). `stop()` ends
 * exactly the processes it started.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type DaemonProcess, type DaemonProcessOptions, startDaemonProcess } from './daemon-process';
import { freePort } from './free-port';
import { waitUp } from './wait-up';

const root = join(import.meta.dirname, '..');

export interface StackOptions {
  /** One daemon per entry (default: one CPU daemon with the default limits). */
  daemons?: Pick<DaemonProcessOptions, 'limits' | 'backend'>[];
  /** Run scripts/build.mjs first (the executor and the Next build, when stale). */
  build?: boolean;
  /** Where the processes' output goes: all of it (default), or their stderr only. */
  echo?: 'all' | 'stderr';
}

export interface Stack {
  baseURL: string;
  daemonUrls: string[];
  /** The token every daemon of the stack accepts. */
  token: string;
  stop(): Promise<void>;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  if (
    opts.build &&
    spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0
  )
    throw new Error('scripts/build.mjs failed (see above)');
  const token = `testkit-${randomBytes(12).toString('base64url')}`;
  const daemons: DaemonProcess[] = [];
  let web: ChildProcess | undefined;
  const stop = async () => {
    if (web && web.exitCode === null && web.signalCode === null) {
      const gone = new Promise<void>((resolve) => web?.once('exit', () => resolve()));
      web.kill('SIGTERM');
      await gone;
    }
    await Promise.all(daemons.map((d) => d.stop()));
  };
  try {
    for (const d of opts.daemons ?? [{}]) {
      // The CPU daemons share the user's compile cache, as `npm start`'s does: the specs stay warm.
      const cache = d.backend === 'fake-cuda' ? undefined : 'user';
      daemons.push(await startDaemonProcess({ ...d, token, cache, echo: opts.echo !== 'stderr' }));
    }
    const webPort = await freePort();
    web = spawn(process.execPath, ['scripts/web-server.mjs'], {
      cwd: root,
      stdio: ['ignore', opts.echo === 'stderr' ? 'ignore' : 'inherit', 'inherit'],
      env: {
        ...process.env,
        PORT: String(webPort),
        HOST: '127.0.0.1',
        DUET_DAEMONS: daemons.map((d) => d.url).join(','),
        DUET_TOKEN: token,
      },
    });
    const baseURL = `http://127.0.0.1:${webPort}`;
    await waitUp(`${baseURL}/`, 'the web server', { ms: 120_000 });
    return { baseURL, daemonUrls: daemons.map((d) => d.url), token, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
