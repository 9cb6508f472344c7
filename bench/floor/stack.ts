/**
 * "The same transports doing nothing": the page path's process topology with no work in it, the
 * floor the overhead bench (bench/overhead.bench.ts) sets the page path against. The bench's fetch →
 * ./forwarder.mjs (a node:http process in the web server's place) → keep-alive node:http → ./piper.mjs
 * (a node:http process in the daemon's place) → a pipe → ./echo.cpp (a separate native process in the
 * executor's place) and back, each hop carrying the tiny run's own byte counts (`FloorSizes`).
 * Also that topology with the daemon's process taken out (`withoutDaemonUrl`). `stop()` ends exactly
 * the processes it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { compileNative } from '../native';

/** Bytes each hop carries for one run, as the real stack's tiny run does. */
export interface FloorSizes {
  /** The page's request body (browser → web server). */
  pageRequest: number;
  /** The web server's answer (web server → browser). */
  pageAnswer: number;
  /** The daemon client's request body (web server → daemon). */
  daemonRequest: number;
  /** The daemon's answer (daemon → web server). */
  daemonAnswer: number;
  /** What the executor reads from its pipe for one run (daemon → executor). */
  executorIn: number;
  /** What the executor writes back for one run (executor → daemon). */
  executorOut: number;
}

export interface FloorStack {
  /** Where the bench's fetch posts a body of `pageRequest` bytes: the page path's topology. */
  url: string;
  /**
   * The same with one process fewer: a node:http process that pipes to the echo itself (./piper.mjs
   * answering the page's answer size), as a web server running the daemon's run service in its own
   * process would, the executor still a process of its own.
   */
  withoutDaemonUrl: string;
  stop(): void;
}

/** Starts `node <script> ...args` and waits for the port it prints. */
async function startNode(
  script: string,
  args: (string | number)[],
): Promise<ChildProcess & { port: string }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, script), ...args.map(String)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (c) => reject(new Error(`bench/floor/${script} exited (${c}) before listening`)));
  });
  return Object.assign(child, { port });
}

export async function startFloorStack(sizes: FloorSizes): Promise<FloorStack> {
  const echo = compileNative('floor/echo.cpp', ['-O2']);
  const started: ChildProcess[] = [];
  const stop = () => {
    for (const c of started) c.kill();
    echo.dispose();
  };
  try {
    const piper = await startNode('piper.mjs', [
      echo.path,
      sizes.executorIn,
      sizes.executorOut,
      sizes.daemonAnswer,
    ]);
    started.push(piper);
    const forwarder = await startNode('forwarder.mjs', [
      `http://127.0.0.1:${piper.port}/`,
      sizes.daemonRequest,
      sizes.pageAnswer,
    ]);
    started.push(forwarder);
    const alone = await startNode('piper.mjs', [
      echo.path,
      sizes.executorIn,
      sizes.executorOut,
      sizes.pageAnswer,
    ]);
    started.push(alone);
    return {
      url: `http://127.0.0.1:${forwarder.port}/`,
      withoutDaemonUrl: `http://127.0.0.1:${alone.port}/`,
      stop,
    };
  } catch (e) {
    stop();
    throw e;
  }
}
