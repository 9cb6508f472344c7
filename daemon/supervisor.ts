/**
 * Keeps one executor process alive (the lifecycle: spawn, the `ready` handshake with its sandbox
 * report, restarts with backoff, health, stop) and runs jobs on it, one at a time (each job's own
 * course, its frames, cancel and time limit: daemon/executor-job.ts).
 *
 * - The executor must say `ready` within `startTimeoutMs`; otherwise it is killed and counted as
 *   a failed start.
 * - Unexpected exits are restarted with exponential backoff, so an executor that crashes on start
 *   costs a few spawns per minute, not a busy loop; the last error is kept for GET /v1/info.
 * - A job that outlives its time limit (plus a grace period for the executor's own abort) gets the
 *   executor's process group killed; a fresh executor is started straight away.
 * - A job whose executor dies gets a clear error; the next job runs on the restarted executor.
 */
import { EventEmitter } from 'node:events';
import type { ChunkedFrame, FrameHeader } from '../core/frame';
import type { DeviceInfo } from '../core/result';
import { parseSandboxWalls, type SandboxWalls } from '../core/sandbox';
import { type ExecutorJob, formatSeconds, type JobOutcome, RunningJob, SourcesSent } from './executor-job';
import { describeExit, type ExecutorCommand, ExecutorProcess, lastOutput } from './executor-process';

export interface ReadyInfo {
  backend: 'cuda' | 'cpu';
  device: DeviceInfo;
  version: string;
  /** Which walls of the executor's OS sandbox are up (wall 3). */
  sandbox: SandboxWalls;
  /** `--backend auto` fell back to the CPU: why there is no CUDA device (contracts §4). */
  fallbackReason?: string;
}

export type ExecutorState = 'starting' | 'ready' | 'backoff' | 'stopped';

export interface SupervisorStatus {
  state: ExecutorState;
  pid?: number;
  backend?: 'cuda' | 'cpu';
  device?: DeviceInfo;
  version?: string;
  /** Executors started so far. */
  starts: number;
  /** Unexpected exits in a row (reset once an executor has stayed up or finished a run). */
  consecutiveFailures: number;
  lastError?: string;
  /** While in backoff: milliseconds until the next start. */
  retryInMs?: number;
}

export interface SupervisorOptions {
  command: ExecutorCommand;
  startTimeoutMs: number;
  /** Time the executor gets to stop a run by itself (abort flag, cancel) before its group is killed. */
  killGraceMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** An executor up this long without failing resets the failure count. */
  stableMs: number;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/**
 * A run ends within its time limit plus this much of its start on the device, whatever its kernel
 * does (contracts §5): the executor stops it at the abort flag, else exits by itself (its watchdog),
 * else the daemon kills it `killGraceMs` after the limit, which must stay under this.
 */
export const TIME_LIMIT_SLACK_MS = 2_000;

export const DEFAULT_SUPERVISOR_TIMING = {
  startTimeoutMs: 30_000,
  // Well under TIME_LIMIT_SLACK_MS: the kill, the exit and the error frame fit in the rest.
  killGraceMs: 1_000,
  backoffInitialMs: 500,
  backoffMaxMs: 30_000,
  stableMs: 10_000,
};

export class ExecutorUnavailableError extends Error {}

export interface HealthReport {
  ok: boolean;
  /** The health kernel's round trip inside the executor, in ms. */
  ms?: number;
  busy?: boolean;
  message?: string;
}

export class Supervisor extends EventEmitter<{ ready: [ReadyInfo]; startFailed: [string]; stopped: [] }> {
  private proc: ExecutorProcess | null = null;
  private state: ExecutorState = 'stopped';
  private info: ReadyInfo | null = null;
  private starts = 0;
  private failures = 0;
  private lastError: string | undefined;
  private retryAt = 0;
  private timers = new Set<NodeJS.Timeout>();
  private active: RunningJob | null = null;
  private fatalMessage: string | undefined;
  /** Set when we kill the executor on purpose: its exit is not a failure. */
  private killedOnPurpose = false;
  private stopping = false;
  /** Sources the current executor has received (a new executor starts with none). */
  private sourcesSent = new SourcesSent();
  /** Callers waiting for the executor's answer to a `health` frame. */
  private healthWaiters: ((h: FrameHeader) => void)[] = [];

  constructor(private readonly opts: SupervisorOptions) {
    super();
    this.setMaxListeners(1000);
  }

  start(): void {
    if (this.proc || this.stopping) return;
    this.spawn();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const p = this.proc;
    this.state = 'stopped';
    // Whoever still waits for `ready` hears now, not at the end of its timeout.
    this.emit('stopped');
    if (p?.alive) {
      const gone = new Promise<void>((resolve) => p.once('exit', () => resolve()));
      p.kill();
      await Promise.race([gone, new Promise((r) => setTimeout(r, 2000))]);
    }
    this.proc = null;
  }

  status(): SupervisorStatus {
    const s: SupervisorStatus = {
      state: this.state,
      starts: this.starts,
      consecutiveFailures: this.failures,
    };
    if (this.proc?.pid !== undefined && this.proc.alive) s.pid = this.proc.pid;
    if (this.info)
      Object.assign(s, { backend: this.info.backend, device: this.info.device, version: this.info.version });
    if (this.lastError) s.lastError = this.lastError;
    if (this.state === 'backoff') s.retryInMs = Math.max(0, this.retryAt - Date.now());
    return s;
  }

  /**
   * Health check: the executor launches a real tiny kernel on its device and checks what it wrote
   * (contracts §4 `health`). While a run is in progress that run is the proof of life, so the check
   * reports busy instead of queueing behind it.
   */
  async health(timeoutMs = 10_000): Promise<HealthReport> {
    const proc = this.proc;
    if (this.state !== 'ready' || !proc)
      return { ok: false, message: this.unavailable ?? 'the executor is not ready' };
    if (this.active) return { ok: true, busy: true, message: 'a run is in progress on the device' };
    const answer = new Promise<FrameHeader>((resolve) => this.healthWaiters.push(resolve));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = this.timer(timeoutMs, () => resolve(null));
    });
    try {
      await proc.send({ type: 'health' });
      const h = await Promise.race([answer, timeout]);
      if (!h)
        return {
          ok: false,
          message: `the executor did not answer the health check within ${timeoutMs / 1000} s`,
        };
      const report: HealthReport = { ok: h.ok === true };
      if (typeof h.ms === 'number') report.ms = h.ms;
      if (typeof h.message === 'string') report.message = h.message;
      return report;
    } catch (e) {
      return { ok: false, message: `could not reach the executor: ${(e as Error).message}` };
    } finally {
      if (timer) this.clearTimer(timer);
    }
  }

  /** The executor's identity once it has been ready at least once. */
  get lastReady(): ReadyInfo | null {
    return this.info;
  }

  /**
   * Resolves when an executor is ready. Fails at once while the executor is in backoff after a
   * failed start (the caller gets the reason instead of a long wait), and after `timeoutMs`.
   */
  waitReady(timeoutMs: number): Promise<ReadyInfo> {
    if (this.state === 'ready' && this.info) return Promise.resolve(this.info);
    if (this.state === 'backoff' || this.state === 'stopped') {
      return Promise.reject(new ExecutorUnavailableError(this.unavailableMessage()));
    }
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.off('ready', onReady);
        this.off('startFailed', onFailed);
        this.off('stopped', onFailed);
      };
      const onReady = (info: ReadyInfo) => {
        cleanup();
        resolve(info);
      };
      const onFailed = () => {
        cleanup();
        reject(new ExecutorUnavailableError(this.unavailableMessage()));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new ExecutorUnavailableError(`the executor did not become ready within ${timeoutMs / 1000} s`),
        );
      }, timeoutMs);
      this.on('ready', onReady);
      this.on('startFailed', onFailed);
      this.on('stopped', onFailed);
    });
  }

  /** True when runs would be refused right now (the executor keeps failing to start). */
  get unavailable(): string | null {
    return this.state === 'backoff' || this.state === 'stopped' ? this.unavailableMessage() : null;
  }

  private unavailableMessage(): string {
    if (this.state === 'stopped') return 'the daemon is shutting down';
    const retry = Math.max(0, Math.ceil((this.retryAt - Date.now()) / 1000));
    return `the executor is not running: it ${this.lastError ?? 'failed'} (next start in ${retry} s)`;
  }

  /** Runs one job on the ready executor. Never rejects: every failure is an outcome. */
  async execute(job: ExecutorJob): Promise<JobOutcome> {
    if (this.active) return { ok: false, code: 'internal', message: 'the executor is busy with another run' };
    const proc = this.proc;
    if (this.state !== 'ready' || !proc) {
      return { ok: false, code: 'unavailable', message: this.unavailable ?? 'the executor is not ready' };
    }
    if (job.signal?.aborted) return { ok: false, code: 'cancelled', message: 'the run was cancelled' };

    return new Promise<JobOutcome>((resolve) => {
      const running: RunningJob = new RunningJob(
        job,
        {
          send: (header, payloads) => {
            proc.send(header, payloads).catch(() => {
              // The exit handler reports the executor's death to this job.
            });
          },
          kill: (j, outcome) => this.killFor(j, outcome),
          sources: this.sourcesSent,
          killGraceMs: this.opts.killGraceMs,
          timer: (ms, fn) => this.timer(ms, fn),
          clearTimer: (t) => this.clearTimer(t),
        },
        (o) => {
          if (this.active === running) this.active = null;
          if (o.ok) this.failures = 0;
          resolve(o);
        },
      );
      this.active = running;
      running.start();
    });
  }

  private spawn(): void {
    this.state = 'starting';
    this.sourcesSent = new SourcesSent();
    this.fatalMessage = undefined;
    this.killedOnPurpose = false;
    this.starts++;
    const proc = new ExecutorProcess(this.opts.command, this.opts.env);
    this.proc = proc;
    let wasReady = false;
    const startTimer = this.timer(this.opts.startTimeoutMs, () => {
      this.fatalMessage = `did not report ready within ${formatSeconds(this.opts.startTimeoutMs)} s`;
      proc.kill();
    });
    let stableTimer: NodeJS.Timeout | undefined;

    proc.on('log', (line) => this.opts.log?.(`[executor] ${line}`));
    proc.on('head', (h) => {
      if (this.proc === proc) this.onHead(h);
    });
    proc.on('bytes', (piece) => {
      if (this.proc === proc) this.active?.pieceArrived(piece);
    });
    proc.on('frame', (f) => {
      if (this.proc !== proc) return;
      if (!wasReady) {
        this.clearTimer(startTimer);
        if (f.header.type === 'ready') {
          wasReady = true;
          this.info = readyInfo(f.header);
          this.state = 'ready';
          stableTimer = this.timer(this.opts.stableMs, () => {
            this.failures = 0;
          });
          this.opts.log?.(
            `executor ready: ${this.info.backend} on ${this.info.device.name} (pid ${proc.pid})`,
          );
          this.emit('ready', this.info);
        } else {
          this.fatalMessage =
            f.header.type === 'fatal'
              ? `reported: ${String(f.header.message)}`
              : `sent "${f.header.type}" before "ready"`;
          proc.kill();
        }
        return;
      }
      this.onFrame(f);
    });
    proc.on('exit', (e) => {
      this.clearTimer(startTimer);
      if (stableTimer) this.clearTimer(stableTimer);
      if (this.proc !== proc) return;
      this.proc = null;
      const onPurpose = this.killedOnPurpose;
      const why = this.fatalMessage ?? describeExit(e);
      // The executor's own fatal message says it all; otherwise its last stderr lines help.
      const tail = this.fatalMessage ? '' : lastOutput(proc.stderrTail);
      this.active?.executorExited(
        `the executor ${why} during the run; it is being restarted, so the next run can go ahead${tail}`,
      );
      if (this.stopping) {
        this.state = 'stopped';
        return;
      }
      if (onPurpose) {
        this.spawn();
        return;
      }
      this.failures++;
      this.lastError = why + tail;
      this.opts.log?.(`executor (pid ${proc.pid}) ${why}`);
      // A first crash of an executor that was working restarts at once; repeated failures and
      // failed starts back off exponentially.
      const delay =
        wasReady && this.failures === 1
          ? 0
          : Math.min(this.opts.backoffMaxMs, this.opts.backoffInitialMs * 2 ** (this.failures - 1));
      if (delay === 0) {
        this.spawn();
        return;
      }
      this.opts.log?.(`next executor start in ${delay} ms`);
      this.state = 'backoff';
      this.retryAt = Date.now() + delay;
      this.timer(delay, () => this.spawn());
      if (!wasReady) this.emit('startFailed', why);
    });
  }

  /** A frame has begun: a large result of the active job may be forwarded while it arrives. */
  private onHead(h: FrameHeader): void {
    this.active?.headArrived(h);
  }

  private onFrame(f: ChunkedFrame): void {
    const h = f.header;
    const active = this.active;
    if (h.type === 'fatal' || (h.type === 'error' && h.fatal === true)) {
      this.fatalMessage = `reported a fatal error: ${String(h.message)}`;
      // The executor's own watchdog exits after a kernel ignored the abort flag: an announced,
      // expected restart, not a crash to back off from.
      // So does a sandbox violation during a run (wall 3): the kernel's doing, not a broken
      // executor, so the next run must not wait for a backoff.
      if (h.code === 'time-limit' || (h.code === 'sandbox' && h.id !== undefined))
        this.killedOnPurpose = true;
      // Its time-limit frame names no run: it is the active one's time limit, and that is the run's outcome.
      if (h.code === 'time-limit') active?.executorTimeLimit();
      // It is on its way out: the next job waits for its successor's `ready` instead of being
      // written to a process that is exiting.
      if (this.state === 'ready') this.state = 'starting';
    }
    if (h.type === 'health') {
      for (const w of this.healthWaiters.splice(0)) w(h);
      return;
    }
    if (!active || h.id !== active.job.id) return; // late frames of a cancelled or killed run
    active.frame(f);
  }

  /**
   * Kills the executor for `active` and ends the job now: the run's end must not wait for the
   * operating system to report the process gone (a process it cannot reap at once, a kill it
   * refuses). Runs wait for the fresh executor, started when the old one's exit arrives.
   */
  private killFor(active: RunningJob, outcome: JobOutcome): void {
    if (this.active !== active || !this.proc) return;
    active.killedFor = outcome;
    this.killedOnPurpose = true;
    this.opts.log?.(`killing executor pid ${this.proc.pid}: ${outcome.ok ? '' : outcome.message}`);
    this.proc.kill();
    if (this.state === 'ready') this.state = 'starting';
    active.settle(outcome);
  }

  private timer(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  private clearTimer(t: NodeJS.Timeout): void {
    clearTimeout(t);
    this.timers.delete(t);
  }
}

function readyInfo(h: FrameHeader): ReadyInfo {
  const backend = h.backend === 'cuda' ? 'cuda' : 'cpu';
  const device = (
    h.device && typeof h.device === 'object' ? h.device : { name: 'unknown device' }
  ) as DeviceInfo;
  if (typeof device.name !== 'string') device.name = backend === 'cpu' ? 'CPU emulation' : 'CUDA device';
  const fallbackReason = typeof h.fallbackReason === 'string' ? h.fallbackReason : undefined;
  return {
    backend,
    device,
    version: String(h.version ?? 'unknown'),
    sandbox: parseSandboxWalls(h.sandbox),
    ...(fallbackReason ? { fallbackReason } : {}),
  };
}
