/**
 * What POST /v1/runs does, without HTTP: admit a workload (validate, limits, rate, queue room,
 * translate, plan — every rejection before work starts is a plain status + JSON body), then stream
 * the run: accepted, queue positions, the executor's phases, and the result with output bytes.
 */
import { randomBytes } from 'node:crypto';
import { type FrameHeader, type OutgoingPayload, payloadBytes } from '../core/frame';
import { planRun, type RunPlan } from '../core/run-plan';
import { parseWorkload, type Workload } from '../core/workload';
import type { Limits } from './config';
import type { DeviceQueue, QueuedJob } from './device-queue';
import type { ExecutorJob, JobOutcome } from './executor-job';
import type { FrameSink, StreamedFrame } from './frame-sink';
import { checkPlannedBytes, checkWorkloadLimits } from './limits';
import type { DaemonMetrics } from './metrics';
import { windowChunks, windowedStream } from './output-window';
import type { RunRateLimiter } from './rate-limit';
import { buildRunFrame } from './run-frame';
import { ExecutorUnavailableError, type Supervisor } from './supervisor';
import type { Translation, TranslationCache } from './translation';

/**
 * The workload's name as the translator's file name. The translator quotes its file name in the
 * generated C++ (a `//` comment), so only characters that cannot end a comment or start a
 * directive get through: letters, digits, space, `.`, `_`, `-`; anything else becomes `_`.
 */
export function translatorFileName(name: string): string {
  return name.replace(/[^\p{L}\p{N} ._-]/gu, '_');
}

/**
 * Run ids are unguessable (a caller cancels a run by its id, and every student holds the same
 * token): 72 random bits, drawn from a pool refilled 512 ids at a time rather than one
 * getrandom(2) per run.
 */
const ID_BYTES = 9;
let idPool = Buffer.alloc(0);
let idAt = 0;
export function newRunId(): string {
  if (idAt + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_BYTES * 512);
    idAt = 0;
  }
  const id = idPool.toString('base64url', idAt, idAt + ID_BYTES);
  idAt += ID_BYTES;
  return `r_${id}`;
}

export interface Rejection {
  status: number;
  body: { error: string; message: string; [k: string]: unknown };
  headers?: Record<string, string>;
}

export interface AdmittedRun {
  id: string;
  clientId: string;
  workload: Workload;
  translation: Translation;
  plan: RunPlan;
  receivedAt: number;
}

export interface RunServiceDeps {
  limits: Limits;
  supervisor: Supervisor;
  queue: DeviceQueue;
  rateLimiter: RunRateLimiter;
  translations: TranslationCache;
  /** Longest a run waits for a (re)starting executor. */
  readyWaitMs: number;
  /** Counts outcomes, rejections and queue waits for GET /metrics (daemon/metrics.ts). */
  metrics?: DaemonMetrics;
  log?: (line: string) => void;
}

/** The plan's warnings and the executor result's, passed on to the caller (strings only, at most 16). */
function warningsOf(plan: RunPlan, h: FrameHeader): { warnings?: string[] } {
  const fromExecutor = Array.isArray(h.warnings)
    ? h.warnings.filter((x): x is string => typeof x === 'string')
    : [];
  const w = [...plan.warnings, ...fromExecutor];
  return w.length ? { warnings: w.slice(0, 16) } : {};
}

/**
 * The slot of each output in an executor's `result` header, in payload order; whatever a broken
 * executor put in place of {slot} reads as undefined (and then matches no planned output).
 */
function outputSlots(executorResult: FrameHeader): unknown[] {
  const outputs: unknown[] = Array.isArray(executorResult.outputs) ? executorResult.outputs : [];
  return outputs.map((g) =>
    typeof g === 'object' && g !== null ? (g as { slot?: unknown }).slot : undefined,
  );
}

/** Results at least this large are forwarded while they arrive from the executor (streamResult). */
export const STREAM_RESULT_BYTES = 1 << 20;

interface LiveRun {
  job: QueuedJob;
  abort: AbortController;
  cancelQueued(): boolean;
}

export class RunService {
  private readonly live = new Map<string, LiveRun>();
  /** Recent run durations, for a Retry-After that means something when the queue is full. */
  private avgRunMs = 2000;

  constructor(private readonly d: RunServiceDeps) {}

  async admit(
    body: unknown,
    clientId: string,
    receivedAt: number,
  ): Promise<{ ok: true; run: AdmittedRun } | { ok: false; rejection: Rejection }> {
    const reject = (r: Rejection) => {
      this.d.metrics?.rejected(r.body.error);
      return { ok: false as const, rejection: r };
    };
    const parsed = parseWorkload(body);
    if (!parsed.ok) {
      const message = parsed.issues.map((i) => `invalid workload: ${i.path}: ${i.message}`).join('\n');
      return reject({ status: 400, body: { error: 'invalid', message, issues: parsed.issues } });
    }
    const w = parsed.workload;
    const over = checkWorkloadLimits(w, this.d.limits);
    if (over) return reject({ status: 413, body: { error: 'limit', ...over } });
    const down = this.d.supervisor.unavailable;
    if (down)
      return reject({
        status: 503,
        body: { error: 'unavailable', message: down },
        headers: { 'Retry-After': '5' },
      });
    if (this.d.queue.full) return reject(this.queueFull());
    const rate = await this.d.rateLimiter.take(clientId);
    if (!rate.ok) {
      const max = this.d.limits.maxRunsPerClientPerMinute;
      return reject({
        status: 429,
        body: {
          error: 'limit',
          limit: 'maxRunsPerClientPerMinute',
          value: rate.used,
          max,
          message: `more than ${max} runs in a minute from this client; retry in ${rate.retryAfterS} s`,
          retryAfterS: rate.retryAfterS,
        },
        headers: { 'Retry-After': String(rate.retryAfterS) },
      });
    }

    let target: 'cuda' | 'cpu';
    try {
      target =
        this.d.supervisor.lastReady?.backend ??
        (await this.d.supervisor.waitReady(this.d.readyWaitMs)).backend;
    } catch (e) {
      return reject({
        status: 503,
        body: { error: 'unavailable', message: (e as Error).message },
        headers: { 'Retry-After': '5' },
      });
    }
    const entryPoints = [...new Set((w.passes ?? [{ entryPoint: w.entryPoint! }]).map((p) => p.entryPoint))];
    const tr = this.d.translations.run(w.wgsl, {
      file: `${translatorFileName(w.name)}.wgsl`,
      target,
      entryPoints,
      overrides: w.overrides,
    });
    if (!tr.ok) {
      const errors = tr.diagnostics.filter((d) => d.severity === 'error');
      const message = (errors.length ? errors : tr.diagnostics)
        .map((d) => `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`)
        .join('\n');
      return reject({ status: 422, body: { error: 'translate', message, diagnostics: tr.diagnostics } });
    }
    const planned = planRun(w, tr.translation);
    if (!planned.ok) {
      const message = planned.issues.map((i) => `invalid workload: ${i.path}: ${i.message}`).join('\n');
      return reject({ status: 400, body: { error: 'invalid', message, issues: planned.issues } });
    }
    // Bindings the workload leaves out still get a buffer (zeroed, sized by the WGSL): count them too.
    const plannedOver = checkPlannedBytes(planned.plan, this.d.limits);
    if (plannedOver) return reject({ status: 413, body: { error: 'limit', ...plannedOver } });
    // Awaits above let other requests in: check for room again right before queueing.
    if (this.d.queue.full) return reject(this.queueFull());
    const id = newRunId();
    return {
      ok: true,
      run: { id, clientId, workload: w, translation: tr.translation, plan: planned.plan, receivedAt },
    };
  }

  /** Cancels a queued or running run; false when no such run is live. */
  cancel(id: string): 'queued' | 'running' | null {
    const r = this.live.get(id);
    if (!r) return null;
    const wasQueued = r.cancelQueued();
    r.abort.abort();
    return wasQueued ? 'queued' : 'running';
  }

  /** Streams one admitted run to `sink`; resolves when the sink has been ended. */
  execute(run: AdmittedRun, sink: FrameSink): Promise<void> {
    const { id } = run;
    const abort = new AbortController();
    const enqueuedAt = performance.now();
    let lastPosition = -1;
    let finished!: () => void;
    const done = new Promise<void>((resolve) => {
      finished = resolve;
    });
    const finish = async (header: FrameHeader | null, payloads?: readonly OutgoingPayload[]) => {
      if (!this.live.has(id)) return;
      this.live.delete(id);
      if (header) this.d.metrics?.ended(header);
      if (header) await sink.frame(header, payloads);
      sink.end();
      finished();
    };
    const cancelledFrame = { type: 'error', id, code: 'cancelled', message: 'the run was cancelled' };

    const job: QueuedJob = {
      clientId: run.clientId,
      onPosition: (position, waiting) => {
        if (position === lastPosition) return;
        lastPosition = position;
        void sink.frame({ type: 'phase', id, phase: 'queued', position, of: waiting });
      },
      run: async (onDeviceStart) => {
        if (abort.signal.aborted) return finish(cancelledFrame);
        const queueMs = performance.now() - enqueuedAt;
        this.d.metrics?.waited(queueMs);
        const started = performance.now();
        try {
          let streamed: StreamedFrame | undefined;
          const outcome = await this.runOnDevice(run, sink, abort.signal, onDeviceStart, (head) => {
            streamed = this.streamResult(run, head, queueMs, sink);
            return streamed?.push;
          });
          this.avgRunMs = 0.8 * this.avgRunMs + 0.2 * (performance.now() - started);
          // The device is free once the executor has answered: delivering the answer to a slow
          // caller must not hold up the next run, so these are not awaited.
          if (streamed) {
            this.d.metrics?.ended(outcome.ok ? outcome.header : { type: 'error', code: outcome.code });
            if (outcome.ok) streamed.end();
            else {
              this.d.log?.(`run ${id}: the result was cut off while it was forwarded: ${outcome.message}`);
              streamed.fail(outcome.message);
            }
            void finish(null);
            return;
          }
          if (!outcome.ok) {
            const frame: FrameHeader = { type: 'error', id, code: outcome.code, message: outcome.message };
            if (outcome.log) frame.log = outcome.log;
            void finish(frame);
            return;
          }
          this.sendResult(run, outcome, queueMs, finish).catch((e: Error) =>
            finish({ type: 'error', id, code: 'internal', message: `the daemon failed: ${e.message}` }),
          );
        } catch (e) {
          this.d.log?.(`run ${id} failed inside the daemon: ${(e as Error).stack ?? e}`);
          return finish({
            type: 'error',
            id,
            code: 'internal',
            message: `the daemon failed: ${(e as Error).message}`,
          });
        }
      },
    };
    this.live.set(id, {
      job,
      abort,
      // A queued run never reaches run(): answer it here. A running one answers through its outcome.
      cancelQueued: () => {
        if (!this.d.queue.withdraw(job)) return false;
        void finish(cancelledFrame);
        return true;
      },
    });
    sink.onClose(() => {
      if (this.live.has(id)) this.cancel(id);
    });

    void sink.frame({ type: 'accepted', id }).then(() => {
      if (abort.signal.aborted) return finish(cancelledFrame);
      if (!this.d.queue.submit(job)) {
        const r = this.queueFull();
        void finish({ type: 'error', id, code: 'busy', ...r.body });
      }
    });
    return done;
  }

  private async runOnDevice(
    run: AdmittedRun,
    sink: FrameSink,
    signal: AbortSignal,
    onDeviceStart: () => void,
    onResultHead: ExecutorJob['onResultHead'],
  ): Promise<JobOutcome> {
    try {
      await this.d.supervisor.waitReady(this.d.readyWaitMs);
    } catch (e) {
      if (e instanceof ExecutorUnavailableError)
        return { ok: false, code: 'unavailable', message: e.message };
      throw e;
    }
    if (signal.aborted) return { ok: false, code: 'cancelled', message: 'the run was cancelled' };
    const frame = buildRunFrame(run.plan, run.translation, run.workload.runs, this.d.limits.maxRunMs);
    onDeviceStart();
    return this.d.supervisor.execute({
      id: run.id,
      run: frame.header,
      payloads: frame.payloads,
      timeLimitMs: this.d.limits.maxRunMs,
      compileLimitMs: this.d.limits.maxCompileMs,
      loadSource: () => run.translation.loadCode(),
      signal,
      onPhase: (h) => {
        const phase: FrameHeader = { type: 'phase', id: run.id, phase: h.phase };
        if (h.sample !== undefined) phase.sample = h.sample;
        if (h.of !== undefined) phase.of = h.of;
        void sink.frame(phase);
      },
      onResultHead,
    });
  }

  /**
   * Starts forwarding a large result while the executor's pipe is still delivering it, so the pipe
   * and the caller's socket overlap instead of taking turns (the device is not held up either way:
   * the daemon keeps reading the pipe whatever the caller's pace). Only when the executor's outputs
   * come in the order the daemon announces them (always: it asked for them in that order) and are
   * large; a small result goes out whole, in one write with the frames before it.
   */
  private streamResult(
    run: AdmittedRun,
    head: FrameHeader,
    queueMs: number,
    sink: FrameSink,
  ): StreamedFrame | undefined {
    const given = outputSlots(head);
    const sizes = head.payloads ?? [];
    const planned = run.plan.outputs;
    if (given.length !== planned.length || sizes.length !== planned.length) return undefined;
    if (planned.some((o, i) => given[i] !== o.slot)) return undefined;
    if (sizes.reduce((n, b) => n + b, 0) < STREAM_RESULT_BYTES) return undefined;
    // Storage textures: only the texels after the header go on (output-window.ts).
    let frame: StreamedFrame | undefined;
    const windowed = windowedStream(sizes, planned, (piece) => frame!.push(piece));
    const outputs = planned.map((o, i) => ({ name: o.name, slot: o.slot, bytes: windowed.sizes[i]! }));
    frame = sink.streamFrame(this.resultHeader(run, head, queueMs, outputs), windowed.sizes);
    if (!planned.some((o) => o.offset !== undefined || o.bytes !== undefined)) return frame;
    const f = frame;
    return { push: windowed.push, end: () => f.end(), fail: (why) => f.fail(why) };
  }

  private async sendResult(
    run: AdmittedRun,
    outcome: Extract<JobOutcome, { ok: true }>,
    queueMs: number,
    finish: (h: FrameHeader, p?: readonly OutgoingPayload[]) => Promise<void>,
  ): Promise<void> {
    const given = outputSlots(outcome.header);
    const outputs: { name: string; slot: number; bytes: number }[] = [];
    const payloads: OutgoingPayload[] = [];
    for (const o of run.plan.outputs) {
      const k = given.indexOf(o.slot);
      const data = k >= 0 ? outcome.payloads[k] : undefined;
      if (!data) {
        return finish({
          type: 'error',
          id: run.id,
          code: 'internal',
          message: `the executor returned no bytes for output "${o.name}"`,
        });
      }
      const part = windowChunks(data, o);
      outputs.push({ name: o.name, slot: o.slot, bytes: payloadBytes(part) });
      payloads.push(part);
    }
    await finish(this.resultHeader(run, outcome.header, queueMs, outputs), payloads);
  }

  private resultHeader(
    run: AdmittedRun,
    executorResult: FrameHeader,
    queueMs: number,
    outputs: { name: string; slot: number; bytes: number }[],
  ): FrameHeader {
    const info = this.d.supervisor.lastReady;
    return {
      type: 'result',
      id: run.id,
      backend: info?.backend ?? 'cpu',
      device: info?.device ?? { name: 'unknown' },
      translate: { ms: run.translation.ms, cacheHit: run.translation.cacheHit },
      queueMs,
      timings: executorResult.timings,
      ...warningsOf(run.plan, executorResult),
      outputs,
      // Everything the daemon spent on this request until the result's bytes start to flow, so the
      // client can tell transport apart.
      daemonMs: performance.now() - run.receivedAt,
    };
  }

  private queueFull(): Rejection {
    const waiting = this.d.queue.length;
    const retry = Math.min(60, Math.max(1, Math.ceil((waiting * this.avgRunMs) / 1000)));
    return {
      status: 429,
      body: {
        error: 'busy',
        limit: 'maxQueueLength',
        value: waiting,
        max: this.d.limits.maxQueueLength,
        message: `the device queue is full (${waiting} runs waiting); retry in ${retry} s`,
        retryAfterS: retry,
      },
      headers: { 'Retry-After': String(retry) },
    };
  }
}
