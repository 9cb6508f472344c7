/** Repeated timings summarised as median and spread (min, p10, p90, max). */

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
