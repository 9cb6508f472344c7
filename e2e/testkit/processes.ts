/**
 * For the e2e specs that run their own web server and daemons as processes (pairing, a workshop on a
 * paired daemon): start one in its own process group, kill that group, and a TCP relay the test can
 * cut to drop a daemon's connection.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A TCP relay from the daemon to the web server: `cut()` drops every connection through it. */
export function relay(targetPort: number): Promise<{ port: number; cut(): void; close(): void }> {
  const open = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(targetPort, '127.0.0.1');
    for (const s of [inbound, outbound]) {
      open.add(s);
      s.on('error', () => {});
      s.on('close', () => open.delete(s));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        cut: () => {
          for (const s of open) s.destroy();
        },
        close: () => {
          for (const s of open) s.destroy();
          server.close();
        },
      });
    });
  });
}

export function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
}

export async function kill(p: ChildProcess | null): Promise<void> {
  if (!p?.pid || p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  try {
    process.kill(-p.pid, 'SIGKILL');
  } catch {
    p.kill('SIGKILL');
  }
  await exited;
}
