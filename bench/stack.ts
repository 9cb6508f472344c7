/**
 * Starts the product as `npm start` does (scripts/start.mjs: local CPU daemon + scripts/web-server.mjs) on free
 * ports, for benchmarks that go through the real web server. Stops it with its whole process group.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export interface Stack {
  webUrl: string;
  daemonUrl: string;
  token: string;
  stop(): void;
}

async function waitUp(url: string, headers: Record<string, string>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url, { headers })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${ms / 1000} s`);
}

/** `env`: more environment for scripts/start.mjs (DUET_DAEMON_CONFIG, say). */
export async function startStack(
  backend: 'cpu' | 'auto' = 'cpu',
  env: Record<string, string> = {},
): Promise<Stack> {
  const [webPort, daemonPort] = [await freePort(), await freePort()];
  const token = randomBytes(18).toString('base64url');
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(webPort),
      DUET_DAEMON_PORT: String(daemonPort),
      DUET_TOKEN: token,
      DUET_BACKEND: backend,
      ...env,
    },
  });
  const stack: Stack = {
    webUrl: `http://127.0.0.1:${webPort}`,
    daemonUrl: `http://127.0.0.1:${daemonPort}`,
    token,
    stop: () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
  // If scripts/start.mjs gives up (a failed build, say), stop waiting at once instead of polling on.
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`scripts/start.mjs exited (${code}) before the stack was up`)),
    ),
  );
  exited.catch(() => {});
  try {
    await Promise.race([
      (async () => {
        await waitUp(`${stack.daemonUrl}/v1/info`, { authorization: `Bearer ${token}` }, 180_000);
        await waitUp(`${stack.webUrl}/`, {}, 180_000);
      })(),
      exited,
    ]);
  } catch (e) {
    stack.stop();
    throw e;
  }
  return stack;
}
