/**
 * Assembles and starts a daemon: limits, supervisor (executor), fair device queue, rate limiter,
 * translator cache, HTTP(S) server. Used by `duet daemon`, by `duet run`'s embedded daemon and by
 * the tests.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { describeWalls, wallsDown } from '../core/sandbox';
import { bearerChecker, generateToken } from './auth';
import { type Limits, resolveLimits } from './config';
import { DeviceQueue } from './device-queue';
import { type BackendChoice, defaultCacheDir, executorCommand } from './executor-command';
import { createRequestHandler } from './http-handler';
import { DaemonMetrics } from './metrics';
import { createRunRateLimiter } from './rate-limit';
import { RunService } from './run-service';
import { DEFAULT_SUPERVISOR_TIMING, Supervisor } from './supervisor';
import { type TranslateFn, TranslationCache } from './translation';
import { openTranslationStore } from './translation-store';

export const DAEMON_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface DaemonOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Generated when absent (see `tokenGenerated` on the result). */
  token?: string;
  backend?: BackendChoice;
  limits?: Partial<Limits>;
  tls?: { cert: string; key: string };
  /** Program to run instead of the built executor (also env DUET_EXECUTOR). */
  executorPath?: string;
  cacheDir?: string;
  /**
   * Worker threads of the CPU backend (default: one per hardware thread). A CPU daemon on a shared
   * host, or several daemons on one box, leave cores to the rest this way.
   */
  threads?: number;
  /** Supervisor timing (tests shorten the backoff). */
  timing?: Partial<typeof DEFAULT_SUPERVISOR_TIMING>;
  /** Longest a run waits for a starting executor. */
  readyWaitMs?: number;
  /**
   * Refuse to start unless the executor reports every wall of its OS sandbox up (wall 3,
   * docs/security.md). Default: true when `host` is not loopback.
   */
  requireSandbox?: boolean;
  /** Defaults to the project's translator (compiler/index.ts). */
  translate?: TranslateFn;
  log?: (line: string) => void;
}

export interface RunningDaemon {
  url: string;
  /** Whether this daemon requires the executor's whole sandbox (DaemonOptions.requireSandbox). */
  requireSandbox: boolean;
  token: string;
  tokenGenerated: boolean;
  limits: Limits;
  supervisor: Supervisor;
  server: Server;
  /**
   * Serves requests that arrive through a paired web server's tunnel (daemon/connect/dial-out.ts):
   * never listens; each tunnel stream is handed to it as a connection. No bearer token there: the
   * tunnel itself was authenticated when it opened (the pairing secret), and the daemon's token
   * stays on this machine.
   */
  tunnelServer: Server;
  close(): Promise<void>;
}

export async function startDaemon(opts: DaemonOptions = {}): Promise<RunningDaemon> {
  const limits = resolveLimits(opts.limits ?? {});
  const backend = opts.backend ?? 'auto';
  const tokenGenerated = !opts.token;
  const token = opts.token || generateToken();
  const translate = opts.translate ?? (await import('../compiler/index')).translate;
  const timing = { ...DEFAULT_SUPERVISOR_TIMING, ...opts.timing };
  const requireSandbox = opts.requireSandbox ?? !isLoopback(opts.host ?? '127.0.0.1');
  const supervisor = new Supervisor({
    // Required: every executor, restarted ones included, checks its own walls before `ready`.
    command: executorCommand({
      backend,
      executorPath: opts.executorPath,
      cacheDir: opts.cacheDir,
      requireSandbox,
      threads: opts.threads,
    }),
    ...timing,
    log: opts.log,
  });
  const queue = new DeviceQueue(limits.maxQueueLength, limits.fairShareQuantumMs);
  // On disk beside the executor's modules; an injected translator has no identity: memory only.
  const translations = new TranslationCache(
    translate,
    opts.translate ? undefined : openTranslationStore(opts.cacheDir ?? defaultCacheDir(), opts.log),
  );
  const metrics = new DaemonMetrics({ supervisor, queue, translations });
  const service = new RunService({
    limits,
    supervisor,
    queue,
    rateLimiter: createRunRateLimiter(limits.maxRunsPerClientPerMinute),
    translations,
    metrics,
    readyWaitMs: opts.readyWaitMs ?? timing.startTimeoutMs + 5_000,
    log: opts.log,
  });
  const info = () => {
    const s = supervisor.status();
    return {
      version: DAEMON_VERSION,
      backend: s.backend ?? (backend === 'auto' ? null : backend),
      device: s.device ?? null,
      limits,
      queue: { length: queue.length, running: queue.running },
      executor: s,
      sandbox: supervisor.lastReady?.sandbox ?? null,
      requireSandbox,
    };
  };
  const deps = {
    service,
    info,
    health: () => supervisor.health(),
    metrics: () => metrics.scrape(),
    maxRequestBytes: limits.maxRequestBytes,
    log: opts.log,
  };
  const handler = createRequestHandler({ ...deps, checkAuthorization: bearerChecker(token) });
  const tunnelServer = createHttpServer(createRequestHandler({ ...deps, checkAuthorization: () => true }));
  tunnelServer.requestTimeout = 0;
  const server = opts.tls
    ? createHttpsServer({ cert: readFileSync(opts.tls.cert), key: readFileSync(opts.tls.key) }, handler)
    : createHttpServer(handler);
  // Malformed HTTP gets a 400 and a closed socket, never an exception.
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    // Bytes after a request that said `Connection: close` (e.g. a body on a method the client sent
    // without a length) come after that request's answer: a second, 400 answer would corrupt it.
    if (e.code === 'HPE_CLOSED_CONNECTION') socket.end();
    else if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  // Runs stream for as long as they queue and execute: no request timeout on the server side.
  server.requestTimeout = 0;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 7070, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Only once the port is ours: a daemon that cannot listen must not leave an executor behind.
  supervisor.start();
  // Every executor (first and restarted) says which walls are up; the log says so too.
  supervisor.on('ready', (r) => opts.log?.(`executor sandbox: ${describeWalls(r.sandbox)}`));
  if (requireSandbox) {
    // Refuse to serve before the sandbox is known to be whole.
    const refuse = async (why: string) => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await supervisor.stop();
      throw new SandboxRequiredError(
        `${why}; refusing to start (--require-sandbox${opts.host && !isLoopback(opts.host) ? ' is the default beyond loopback' : ''}; --no-require-sandbox runs without it)`,
      );
    };
    let ready: Awaited<ReturnType<typeof supervisor.waitReady>>;
    try {
      ready = await supervisor.waitReady(timing.startTimeoutMs + 5_000);
    } catch (e) {
      return refuse(`the executor did not start: ${(e as Error).message}`);
    }
    const down = wallsDown(ready.sandbox);
    if (down.length) return refuse(`the executor's sandbox is incomplete (${describeWalls(ready.sandbox)})`);
  }
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `${opts.tls ? 'https' : 'http'}://${shownHost}:${port}`;
  return {
    url,
    requireSandbox,
    token,
    tokenGenerated,
    limits,
    supervisor,
    server,
    tunnelServer,
    async close() {
      server.closeAllConnections();
      tunnelServer.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await supervisor.stop();
      // A translation still being written would land in a cache folder its owner may be removing.
      await translations.flush();
    },
  };
}

/** The executor's sandbox is not whole and the daemon was told to require it. */
export class SandboxRequiredError extends Error {}

export function isLoopback(host: string): boolean {
  return /^(127\.|localhost$|::1$|\[::1\]$)/.test(host);
}
