/**
 * Phase totals of a side, and the one-line verdict of which side was faster end to end and for the
 * kernel alone, with the reason in plain words (what dominates the slower side's total).
 *
 * The verdict compares warm runs only: upload, the timed kernel samples after warmup, download, queue
 * and transport. The cold cost (translate + compile) depends on whether a compile cache was hit, so a
 * first run and its re-run would otherwise get opposite verdicts; it is reported on its own line.
 */

import { formatMs } from './format';
import type { Timings } from './result';

export const PHASES = ['compile', 'upload', 'kernel', 'download', 'queue', 'transport'] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseSpan {
  phase: Phase;
  ms: number;
}

/** The phases one execution goes through (the kernel at its median), zero-length ones left out. */
export function phaseSpans(t: Timings): PhaseSpan[] {
  const ms: Record<Phase, number> = {
    compile: t.compile.ms,
    upload: t.upload.ms,
    kernel: t.kernel.median,
    download: t.download.ms,
    queue: t.queue?.ms ?? 0,
    transport: t.transport?.ms ?? 0,
  };
  return PHASES.map((phase) => ({
    phase,
    ms: Number.isFinite(ms[phase]) ? Math.max(0, ms[phase]) : 0,
  })).filter((s) => s.ms > 0);
}

export function totalMs(spans: PhaseSpan[]): number {
  return spans.reduce((n, s) => n + s.ms, 0);
}

/**
 * What dominates a warm total, as a short reason ("transfer-bound: 80% of … is upload+download").
 * Compilation is not a reason: the verdict compares warm runs, and the cold cost has its own line.
 */
export function dominantReason(spans: PhaseSpan[], sideName: string): string {
  const total = totalMs(spans);
  if (!(total > 0)) return '';
  const share = (phases: Phase[]) =>
    spans.filter((s) => phases.includes(s.phase)).reduce((n, s) => n + s.ms, 0) / total;
  const groups: { label: string; phases: Phase[]; words: string }[] = [
    {
      label: 'transfer-bound',
      phases: ['upload', 'download', 'transport'],
      words: 'upload+download+transport',
    },
    { label: 'queue-bound', phases: ['queue'], words: 'waiting in the queue' },
    { label: 'kernel-bound', phases: ['kernel'], words: 'the kernel' },
  ];
  const best = groups.map((g) => ({ ...g, share: share(g.phases) })).sort((a, b) => b.share - a.share)[0]!;
  const words = best.phases.filter((p) => spans.some((s) => s.phase === p)).join('+') || best.words;
  return `${best.label}: ${Math.round(best.share * 100)}% of the ${sideName} total is ${words}`;
}

function ratio(slow: number, fast: number): string {
  const r = slow / fast;
  return r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(1)}×`;
}

/** The phases of a warm run: everything but compilation (which a cache hit skips). */
export function warmSpans(t: Timings): PhaseSpan[] {
  return phaseSpans(t).filter((s) => s.phase !== 'compile');
}

/** The warm total the verdict compares, and the one the bars and the history show (one definition). */
export function warmTotalMs(t: Timings): number {
  return totalMs(warmSpans(t));
}

/** The cold cost paid once per kernel: translate + compile (`compile.ms` includes the translate). */
export function coldMs(t: Timings): number {
  return Number.isFinite(t.compile.ms) ? Math.max(0, t.compile.ms) : 0;
}

/** "cache miss" / "cache hit" / "" for a side's compile, as the cold line and the history say it. */
export function cacheLabel(t: Timings): string {
  return t.compile.cacheHit === true ? 'cache hit' : t.compile.cacheHit === false ? 'cache miss' : '';
}

function coldText(t: Timings): string {
  const c = t.compile;
  const cache = cacheLabel(t) ? `, ${cacheLabel(t)}` : '';
  const translate = c.translateMs !== undefined ? ` (translate ${formatMs(c.translateMs)})` : '';
  return `${formatMs(coldMs(t))}${translate}${cache}`;
}

/** "The browser was 2.1× faster end to end (3.2 ms vs 6.8 ms); kernel alone: remote 1.4× faster …" */
export function speedVerdict(
  local: Timings,
  remote: Timings,
  names = { local: 'browser', remote: 'remote' },
): { endToEnd: string; kernel: string; why: string; cold: string } {
  const l = warmSpans(local);
  const r = warmSpans(remote);
  const lt = warmTotalMs(local);
  const rt = warmTotalMs(remote);
  const compare = (a: number, b: number, what: string) => {
    if (!(a > 0) || !(b > 0)) return `${what}: not comparable`;
    if (a === b) return `${what}: a tie at ${formatMs(a)}`;
    const [fast, slow, fastMs, slowMs] =
      a < b ? [names.local, names.remote, a, b] : [names.remote, names.local, b, a];
    return `${what}: ${fast} ${ratio(slowMs, fastMs)} faster than ${slow} (${formatMs(fastMs)} vs ${formatMs(slowMs)})`;
  };
  const slowerIsLocal = lt > rt;
  const why = slowerIsLocal
    ? dominantReason(l, `${names.local} warm`)
    : dominantReason(r, `${names.remote} warm`);
  return {
    endToEnd: compare(lt, rt, 'Warm, end to end'),
    kernel: compare(local.kernel.median, remote.kernel.median, 'Kernel alone'),
    why,
    cold: `Cold start, not in the verdict (translate + compile): ${names.local} ${coldText(local)}; ${names.remote} ${coldText(remote)}`,
  };
}
