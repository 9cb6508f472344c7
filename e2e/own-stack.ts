/**
 * A stack owned by one spec: daemons started with given limits (`duet daemon --config`; CPU
 * emulation, or the CUDA backend on the test-double driver of daemon/executor/tests/fake_cuda/) and
 * a web server (scripts/web-server.mjs, as `npm start` runs it) that talks to them, on free loopback ports. Uses the production build the
 * configured web server made. `stop()` ends exactly the processes it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fakeCudaEnv } from '../daemon/executor/fake-cuda';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitFor(url: string, headers: Record<string, string>, what: string, ms: number) {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { headers });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not come up at ${url}: ${last}`);
}

export interface OwnStack {
  baseURL: string;
  daemonUrls: string[];
  stop(): Promise<void>;
}

export interface OwnDaemon {
  limits?: Record<string, number>;
  /** 'fake-cuda': `--backend cuda` on the fake driver (no kernel code runs: outputs are the inputs). */
  backend?: 'cpu' | 'fake-cuda';
}

/** One daemon per entry (in order: the page's daemon index), and a web server for them. */
export async function startOwnStack(daemons: OwnDaemon[]): Promise<OwnStack> {
  const token = `e2e-own-${process.pid}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-e2e-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const daemonUrls: string[] = [];
    for (const [i, d] of daemons.entries()) {
      const config = path.join(dir, `limits-${i}.json`);
      writeFileSync(config, JSON.stringify(d.limits ?? {}));
      const cuda = d.backend === 'fake-cuda';
      const env = cuda ? { ...fakeCudaEnv(), DUET_CACHE_DIR: path.join(dir, `cache-${i}`) } : {};
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      children.push(
        spawn(
          process.execPath,
          [
            'bin/duet.mjs',
            'daemon',
            '--host',
            '127.0.0.1',
            '--port',
            String(port),
            '--backend',
            cuda ? 'cuda' : 'cpu',
            '--config',
            config,
          ],
          { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env, DUET_TOKEN: token } },
        ),
      );
      await waitFor(`${url}/v1/info`, { authorization: `Bearer ${token}` }, `daemon ${i}`, 60_000);
      daemonUrls.push(url);
    }
    const webPort = await freePort();
    children.push(
      spawn(process.execPath, ['scripts/web-server.mjs'], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          PORT: String(webPort),
          HOST: '127.0.0.1',
          DUET_DAEMONS: daemonUrls.join(','),
          DUET_TOKEN: token,
        },
      }),
    );
    const baseURL = `http://127.0.0.1:${webPort}`;
    await waitFor(`${baseURL}/`, {}, 'the web server', 120_000);
    return { baseURL, daemonUrls, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
