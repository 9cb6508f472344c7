/**
 * The daemon's metrics, served as Prometheus text at GET /metrics behind the daemon's token
 * (contracts §5). One registry per daemon instance (a process normally runs one daemon; the tests
 * run several, and each must count only its own runs). Names follow Prometheus conventions
 * (https://prometheus.io/docs/practices/naming/): a `duet_daemon_` prefix, the unit in the name,
 * `_total` on counters.
 *
 * Counts are fed where the events happen (run-service.ts: run outcomes, admission rejections and
 * queue waits); what the daemon already keeps (queue depth, executor starts, the translation
 * cache's statistics) is read when scraped, so those places need no hook at all.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FrameHeader } from '../core/frame';
import type { DeviceQueue } from './device-queue';
import type { Supervisor } from './supervisor';
import type { TranslationCache } from './translation';

/**
 * Outcomes a run's label may take: `ok` and the error codes of contracts §5. Anything else (an
 * executor that a hostile kernel has taken over may write any code) counts as `other`, so a label
 * can never grow without bound.
 */
const RUN_OUTCOMES = new Set([
  'ok',
  'compile',
  'launch',
  'time-limit',
  'barrier',
  'aborted',
  'sandbox',
  'internal',
  'device',
  'cancelled',
  'executor',
  'unavailable',
  'busy',
]);

/** Why a POST /v1/runs was refused before it was queued (the `error` of the 4xx/5xx body). */
const REJECTION_REASONS = new Set(['invalid', 'limit', 'translate', 'busy', 'unavailable']);

/** The executor's phases whose times it reports (contracts §4 `result.timings`). */
const DEVICE_PHASES = ['compile', 'upload', 'kernel', 'download'] as const;

export interface DaemonMetricsSources {
  supervisor: Supervisor;
  queue: DeviceQueue;
  translations: TranslationCache;
}

export class DaemonMetrics {
  readonly registry = new Registry();
  private readonly runs: Counter<'outcome' | 'backend'>;
  private readonly rejections: Counter<'reason'>;
  private readonly queueWait: Histogram<'backend'>;
  private readonly deviceBusy: Counter<'backend' | 'phase'>;
  private readonly compileCache: Counter<'backend' | 'result'>;
  private readonly violations: Counter<'backend'>;

  constructor(private readonly s: DaemonMetricsSources) {
    const registers = [this.registry];
    this.runs = new Counter({
      name: 'duet_daemon_runs_total',
      help: 'Runs that were admitted and have ended, by outcome (ok or the error code) and backend.',
      labelNames: ['outcome', 'backend'],
      registers,
    });
    this.rejections = new Counter({
      name: 'duet_daemon_runs_rejected_total',
      help: 'POST /v1/runs refused before queueing, by reason (the error of the response body).',
      labelNames: ['reason'],
      registers,
    });
    this.queueWait = new Histogram({
      name: 'duet_daemon_queue_wait_seconds',
      help: 'Time an admitted run waited in the device queue before its turn.',
      labelNames: ['backend'],
      buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    });
    this.deviceBusy = new Counter({
      name: 'duet_daemon_device_busy_seconds_total',
      help: 'Device time the executor reported for successful runs, by backend and phase (kernel: the timed samples).',
      labelNames: ['backend', 'phase'],
      registers,
    });
    this.compileCache = new Counter({
      name: 'duet_daemon_compile_cache_total',
      help: "The executor's module cache on successful runs (hit: no compiler ran), by backend.",
      labelNames: ['backend', 'result'],
      registers,
    });
    this.violations = new Counter({
      name: 'duet_daemon_sandbox_violations_total',
      help: "Runs ended by the executor's OS sandbox (a forbidden system call, wall 3 of docs/security.md).",
      labelNames: ['backend'],
      registers,
    });
    const { queue, supervisor, translations } = s;
    new Gauge({
      name: 'duet_daemon_queue_length',
      help: 'Runs waiting in the device queue now.',
      registers,
      collect() {
        this.set(queue.length);
      },
    });
    new Gauge({
      name: 'duet_daemon_queue_running',
      help: 'Runs on the device now (0 or 1).',
      registers,
      collect() {
        this.set(queue.running);
      },
    });
    new Gauge({
      name: 'duet_daemon_executor_up',
      help: 'Whether the executor is ready to run (1) or starting, backing off or stopped (0).',
      registers,
      collect() {
        this.set(supervisor.status().state === 'ready' ? 1 : 0);
      },
    });
    // Totals the supervisor and the translation cache keep themselves, copied when scraped.
    new Counter({
      name: 'duet_daemon_executor_restarts_total',
      help: 'Executors started after the first: crashes, kills at a time limit, sandbox violations, failed starts.',
      registers,
      collect() {
        this.reset();
        this.inc(Math.max(0, supervisor.status().starts - 1));
      },
    });
    new Counter({
      name: 'duet_daemon_translation_cache_total',
      help: "Translations asked of the daemon's WGSL translation cache, by result (memory-hit, disk-hit, miss).",
      labelNames: ['result'],
      registers,
      collect() {
        this.reset();
        const st = translations.stats;
        this.inc({ result: 'memory-hit' }, st.memoryHits);
        this.inc({ result: 'disk-hit' }, st.diskHits);
        this.inc({ result: 'miss' }, st.misses);
      },
    });
  }

  /** The backend runs go to now: the executor's, once one has been ready. */
  private backend(): string {
    return this.s.supervisor.lastReady?.backend ?? 'unknown';
  }

  /** A POST /v1/runs refused before queueing, with the `error` of its body. */
  rejected(reason: string): void {
    this.rejections.inc({ reason: REJECTION_REASONS.has(reason) ? reason : 'other' });
  }

  /** An admitted run's turn came after `ms` in the queue. */
  waited(ms: number): void {
    this.queueWait.observe({ backend: this.backend() }, ms / 1000);
  }

  /**
   * An admitted run has ended with `frame`: a `result` (the executor's or the daemon's, both carry
   * the executor's `timings`) or an `error` with its `code`.
   */
  ended(frame: FrameHeader): void {
    const backend = this.backend();
    const code = frame.type === 'result' ? 'ok' : String(frame.code ?? 'internal');
    const outcome = RUN_OUTCOMES.has(code) ? code : 'other';
    this.runs.inc({ outcome, backend });
    if (outcome === 'sandbox') this.violations.inc({ backend });
    if (outcome === 'ok') this.recordTimings(backend, frame.timings);
  }

  private recordTimings(backend: string, timings: unknown): void {
    if (!timings || typeof timings !== 'object') return;
    const t = timings as Record<string, { ms?: unknown; cacheHit?: unknown; samples?: unknown } | undefined>;
    for (const phase of DEVICE_PHASES) {
      const ms = phase === 'kernel' ? sumOf(t.kernel?.samples) : t[phase]?.ms;
      if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0)
        this.deviceBusy.inc({ backend, phase }, ms / 1000);
    }
    const hit = t.compile?.cacheHit;
    if (typeof hit === 'boolean') this.compileCache.inc({ backend, result: hit ? 'hit' : 'miss' });
  }

  /** The registry as Prometheus text, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

function sumOf(samples: unknown): number | undefined {
  if (!Array.isArray(samples)) return undefined;
  let sum = 0;
  for (const x of samples) if (typeof x === 'number' && Number.isFinite(x)) sum += x;
  return sum;
}
