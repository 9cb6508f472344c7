/**
 * One run on the executor, from the supervisor's side (contracts §4): sends the `run` frame (by
 * source hash when the executor already holds the code), follows the run's frames to its outcome,
 * and bounds it: compile + run limits until compilation is over, then the run limit, each plus
 * the grace the executor gets to stop by itself; a cancel asks first and kills after the grace.
 * The executor's lifecycle (spawn, ready, restart) is daemon/supervisor.ts's.
 */
import type { ChunkedFrame, FrameHeader } from '../core/frame';

export interface ExecutorJob {
  id: string;
  /** The `run` frame's header (without `type`/`id`) and its payloads. */
  run: FrameHeader;
  payloads: Uint8Array[];
  timeLimitMs: number;
  compileLimitMs: number;
  onPhase?(phase: FrameHeader): void;
  /**
   * The executor's `result` header has arrived and its outputs are still coming. Return a function
   * to receive each piece of them as it arrives (to forward a large result while the pipe is still
   * delivering it), or nothing. The job still settles when the whole result is in (or with the
   * failure that cut it short).
   */
  onResultHead?(header: FrameHeader): ((piece: Uint8Array) => void) | undefined;
  /**
   * The source for a run whose header names it by `sourceHash` alone (a translation served from
   * the daemon's disk cache), asked for only if the executor answers `need-source`.
   */
  loadSource?(): string | null;
  signal?: AbortSignal;
}

export type JobFailureCode =
  | 'compile'
  | 'launch'
  | 'time-limit'
  | 'barrier'
  | 'aborted'
  /** The kernel made a system call the executor's sandbox forbids (wall 3); the executor restarts. */
  | 'sandbox'
  | 'internal'
  | 'device'
  | 'cancelled'
  | 'executor'
  | 'unavailable';

export type JobOutcome =
  /** payloads: each output as the chunks it arrived in from the executor (not copied). */
  | { ok: true; header: FrameHeader; payloads: Uint8Array[][] }
  | { ok: false; code: JobFailureCode; message: string; log?: string };

/** Source hashes remembered per executor; past this many the oldest is forgotten (and re-sent). */
const MAX_SOURCES_REMEMBERED = 1024;

/**
 * Sources (sha256 of the generated code) one executor has received: later runs name them by hash
 * alone, so a warm run does not ship, encode and hash ~100 KB of text each time. Should the
 * executor have lost one (its module evicted and the disk cache gone), it answers `need-source`
 * and the run is sent again with the source.
 */
export class SourcesSent {
  private readonly hashes = new Set<string>();

  has(hash: string): boolean {
    return this.hashes.has(hash);
  }

  remember(hash: string): void {
    this.hashes.delete(hash);
    this.hashes.add(hash);
    if (this.hashes.size > MAX_SOURCES_REMEMBERED) this.hashes.delete(this.hashes.values().next().value!);
  }
}

/** What a running job needs of the supervisor and the executor it runs on. */
export interface JobHost {
  /** Writes a frame to the executor; a failed write is the executor dying, which ends the job. */
  send(header: FrameHeader, payloads?: Uint8Array[]): void;
  /** Kills the executor for this job and ends the job with `outcome` (Supervisor.killFor). */
  kill(job: RunningJob, outcome: JobOutcome): void;
  sources: SourcesSent;
  /** Time the executor gets to stop a run by itself (abort flag, cancel) before it is killed. */
  killGraceMs: number;
  timer(ms: number, fn: () => void): NodeJS.Timeout;
  clearTimer(t: NodeJS.Timeout): void;
}

export class RunningJob {
  /** Why the executor was killed (or told to stop) for this job, when it was: the job's outcome. */
  killedFor: JobOutcome | undefined;
  /** Receives the pieces of the job's result while it arrives (ExecutorJob.onResultHead). */
  private tap: ((piece: Uint8Array) => void) | undefined;
  /** Sends the run again with its source, once, when the executor asks for it (`need-source`). */
  private resendWithSource: (() => void) | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private compiled = false;
  private settled = false;
  private readonly onAbort = () => this.cancel();

  /** `onSettled` runs once, synchronously, with the outcome (before the caller's promise resolves). */
  constructor(
    readonly job: ExecutorJob,
    private readonly host: JobHost,
    private readonly onSettled: (o: JobOutcome) => void,
  ) {}

  /** Sends the run and arms its deadline; the outcome goes to `onSettled`. */
  start(): void {
    const job = this.job;
    // Until the executor reports that compilation is over, compile and run time both count.
    this.arm(job.compileLimitMs + job.timeLimitMs + this.host.killGraceMs, {
      ok: false,
      code: 'time-limit',
      message: `the run did not finish within ${formatSeconds(job.compileLimitMs + job.timeLimitMs)} s (compile + run limits)`,
    });
    job.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.resendWithSource = () => {
      this.resendWithSource = undefined;
      this.send(true);
    };
    // A run without its source goes by hash first: its code is read only if the executor asks.
    this.send(job.run.source !== undefined && !this.host.sources.has(String(job.run.sourceHash ?? '')));
  }

  settle(o: JobOutcome): void {
    if (this.settled) return;
    this.settled = true;
    if (this.deadline) this.host.clearTimer(this.deadline);
    this.job.signal?.removeEventListener('abort', this.onAbort);
    this.onSettled(o);
  }

  /** A frame has begun: a large result of this job may be forwarded while it arrives. */
  headArrived(h: FrameHeader): void {
    this.tap = undefined;
    if (h.type === 'result' && h.id === this.job.id && !this.killedFor && h.payloads?.length)
      this.tap = this.job.onResultHead?.(h);
  }

  pieceArrived(piece: Uint8Array): void {
    this.tap?.(piece);
  }

  /** The executor's own watchdog stopped the run (a fatal `time-limit` frame that names no run). */
  executorTimeLimit(): void {
    if (!this.killedFor) this.killedFor = timeLimitOutcome(this.job.timeLimitMs);
  }

  /** The executor is gone: the job ends with why it was killed, else with `message`. */
  executorExited(message: string): void {
    this.settle(this.killedFor ?? { ok: false, code: 'executor', message });
  }

  /** One of this job's frames (its id), after the supervisor has seen it. */
  frame(f: ChunkedFrame): void {
    const h = f.header;
    if (h.type === 'phase') {
      this.phase(h);
      this.job.onPhase?.(h);
    } else if (h.type === 'result') {
      // A result already being forwarded (tap) has now reached the caller whole: it stands, even if
      // a cancel or a kill was decided while its bytes were arriving (its header is out, so the
      // caller could be told nothing else but a cut-off stream).
      const stands = !this.killedFor || this.tap !== undefined;
      this.settle(stands ? { ok: true, header: h, payloads: f.payloads } : this.killedFor!);
    } else if (h.type === 'error') {
      if (this.killedFor) {
        this.settle(this.killedFor);
        return;
      }
      if (h.code === 'need-source' && this.resendWithSource) {
        this.resendWithSource();
        return;
      }
      const code = String(h.code ?? 'internal') as JobFailureCode;
      const message =
        code === 'time-limit'
          ? `time limit exceeded after ${formatSeconds(this.job.timeLimitMs)} s`
          : String(h.message ?? 'the run failed');
      const o: JobOutcome = { ok: false, code, message };
      if (typeof h.log === 'string' && h.log) o.log = h.log;
      this.settle(o);
    }
  }

  /** Compilation is over once the executor reports another phase: from then on the run limit alone counts. */
  private phase(h: FrameHeader): void {
    // After a cancel, the kill deadline stays as the cancel set it.
    if (!this.compiled && h.phase !== 'compiling' && !this.killedFor) {
      this.compiled = true;
      this.arm(this.job.timeLimitMs + this.host.killGraceMs, timeLimitOutcome(this.job.timeLimitMs));
    }
  }

  private cancel(): void {
    if (this.settled) return;
    const cancelled: JobOutcome = { ok: false, code: 'cancelled', message: 'the run was cancelled' };
    this.killedFor = cancelled;
    this.host.send({ type: 'cancel', id: this.job.id });
    // The executor should answer "aborted" at its next poll; if not, stop it the hard way.
    this.arm(this.host.killGraceMs, cancelled);
  }

  private arm(ms: number, outcome: JobOutcome): void {
    if (this.deadline) this.host.clearTimer(this.deadline);
    this.deadline = this.host.timer(ms, () => this.host.kill(this, outcome));
  }

  private send(withSource: boolean): void {
    const run = this.job.run;
    const header: FrameHeader = { ...run, type: 'run', id: this.job.id };
    const hash = typeof run.sourceHash === 'string' ? run.sourceHash : '';
    if (withSource && header.source === undefined && this.job.loadSource) {
      const source = this.job.loadSource();
      if (source === null) {
        this.settle({
          ok: false,
          code: 'internal',
          message: `the executor has no module for source ${hash} and its generated code is no longer available (the daemon's cached translation was damaged and translating again gave other code); run it again`,
        });
        return;
      }
      header.source = source;
    }
    if (hash && !withSource) delete header.source;
    else if (hash && header.source !== undefined) this.host.sources.remember(hash);
    this.host.send(header, this.job.payloads);
  }
}

export function timeLimitOutcome(limitMs: number): JobOutcome {
  return { ok: false, code: 'time-limit', message: `time limit exceeded after ${formatSeconds(limitMs)} s` };
}

export function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}
