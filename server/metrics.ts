/**
 * The web server's metrics, served as Prometheus text by app/api/metrics/route.ts: runs it
 * forwarded to a daemon (by outcome, backend and daemon index), how long their streams lasted, and share
 * saves. One registry per process, kept on globalThis because Next bundles each route separately
 * (a module variable would give the tRPC route and the metrics route two registries). Names follow
 * Prometheus conventions (https://prometheus.io/docs/practices/naming/): a `duet_web_` prefix, the
 * unit in the name, `_total` on counters.
 *
 * The route answers only a caller holding DUET_METRICS_TOKEN (`Authorization: Bearer <token>`),
 * and not at all while that variable is unset: a run's counts say who uses which daemon how much.
 */
import { Counter, Histogram, Registry } from 'prom-client';
import { RUN_ERROR_TITLES } from '../core/errors';
import type { Backend } from '../core/result';
import { bearerChecker } from '../daemon/auth';
import { type ServerEnv, serverEnv } from './env';
import { errorDetailsOf } from './error-details';

export const METRICS_TOKEN_ENV = 'DUET_METRICS_TOKEN';

export class WebMetrics {
  readonly registry = new Registry();
  private readonly runs: Counter<'outcome' | 'backend' | 'daemon'>;
  private readonly streamSeconds: Histogram<'daemon'>;
  private readonly shareSaves: Counter<'outcome'>;

  constructor() {
    const registers = [this.registry];
    this.runs = new Counter({
      name: 'duet_web_runs_total',
      help: 'Runs the web server forwarded to a daemon, by outcome (ok or the error kind), the backend that ran it (cuda or cpu; unknown for a run that ended without a result) and daemon index (DUET_DAEMONS; paired daemons from 1000).',
      labelNames: ['outcome', 'backend', 'daemon'],
      registers,
    });
    this.streamSeconds = new Histogram({
      name: 'duet_web_run_stream_seconds',
      help: 'From submitting a run to a daemon to its last frame (result or error), by daemon index.',
      labelNames: ['daemon'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    });
    this.shareSaves = new Counter({
      name: 'duet_web_share_saves_total',
      help: 'Runs saved to the share store (shares.save), by outcome (ok or the error kind).',
      labelNames: ['outcome'],
      registers,
    });
  }

  /**
   * A run forwarded to daemon `daemon` has ended after `seconds`: with a result from `backend`, or
   * with `error` (a TRPCError whose cause carries the kind, server/error-details.ts).
   */
  runEnded(daemon: number, seconds: number, end: { backend: Backend } | { error: unknown }): void {
    const d = String(daemon);
    const outcome = 'error' in end ? outcomeOf(end.error) : 'ok';
    this.runs.inc({ outcome, backend: 'backend' in end ? end.backend : 'unknown', daemon: d });
    this.streamSeconds.observe({ daemon: d }, seconds);
  }

  /** A share save has ended: stored when `error` is undefined. */
  shareSaved(error?: unknown): void {
    this.shareSaves.inc({ outcome: outcomeOf(error) });
  }

  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** `ok`, a known error kind (core/errors.ts: a bounded label), or `other`. */
function outcomeOf(error: unknown): string {
  if (error === undefined) return 'ok';
  const cause = (error as { cause?: unknown } | null)?.cause;
  const kind = errorDetailsOf(cause)?.kind;
  return kind && Object.hasOwn(RUN_ERROR_TITLES, kind) ? kind : 'other';
}

const METRICS_KEY = Symbol.for('duet.webMetrics');

/** The process-wide metrics. */
export function webMetrics(): WebMetrics {
  const g = globalThis as { [METRICS_KEY]?: WebMetrics };
  g[METRICS_KEY] ??= new WebMetrics();
  return g[METRICS_KEY];
}

/**
 * GET /metrics for the web server: 404 while DUET_METRICS_TOKEN is unset (metrics off), 401 without
 * that token, else the registry as Prometheus text.
 */
export async function metricsResponse(
  authorization: string | null,
  env: Pick<ServerEnv, typeof METRICS_TOKEN_ENV> = serverEnv(),
): Promise<Response> {
  const token = env[METRICS_TOKEN_ENV];
  const text = (status: number, body: string, headers: Record<string, string> = {}) =>
    new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
  if (!token) return text(404, `metrics are off: set ${METRICS_TOKEN_ENV} on the web server to serve them\n`);
  if (!bearerChecker(token)(authorization ?? undefined))
    return text(401, `missing or wrong token: send "Authorization: Bearer $${METRICS_TOKEN_ENV}"\n`, {
      'www-authenticate': 'Bearer realm="duet-metrics"',
    });
  const m = await webMetrics().scrape();
  return new Response(m.body, { headers: { 'content-type': m.contentType, 'cache-control': 'no-store' } });
}
