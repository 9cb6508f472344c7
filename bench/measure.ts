/** Repeated measurement with warm-up, summarised as median and spread (min, p10, p90, max). */
import { performance } from 'node:perf_hooks';

export interface Measurement {
  median: number;
  min: number;
  p10: number;
  p90: number;
  max: number;
  n: number;
  unit: string;
}

export function summarise(values: number[], unit = 'ms'): Measurement {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
  return { median: q(0.5), min: s[0]!, p10: q(0.1), p90: q(0.9), max: s[s.length - 1]!, n: s.length, unit };
}

/** Times `fn` `n` times after `warmup` untimed calls. */
export async function timeIt(fn: () => Promise<unknown>, n: number, warmup = 3): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return summarise(out);
}

/**
 * Interleaves two measurements so both see the same machine state (load, thermal, caches):
 * A B A B … rather than A A A … B B B.
 */
export async function timePair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  n: number,
  warmup = 3,
): Promise<[Measurement, Measurement]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < n; i++) {
    let t0 = performance.now();
    await a();
    ta.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    tb.push(performance.now() - t0);
  }
  return [summarise(ta), summarise(tb)];
}
