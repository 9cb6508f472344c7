/**
 * Where, in a sweep, the remote side starts beating the local one. Points are (size, local time,
 * remote time); between two measured sizes both curves are taken as straight lines on log-log axes
 * (power laws), so the crossing is where log(remote) − log(local), linear in log(size), hits zero.
 */

export interface SeriesPoint {
  x: number;
  local: number | null;
  remote: number | null;
}

export type Crossover =
  /** The remote side first beats the local one between points `before` and `before + 1`. */
  | { kind: 'crossover'; x: number; y: number; before: number }
  /**
   * The remote side is faster at the smallest size, and the local one from between points `before`
   * and `before + 1` on (a remote total that carries a transport growing with the bytes).
   */
  | { kind: 'local-from'; x: number; y: number; before: number }
  /** The remote side is faster over the whole range measured. */
  | { kind: 'remote-from-start'; x: number }
  /** The remote side never beats the local one in the range. */
  | { kind: 'none' }
  /** Fewer than one point with both times. */
  | { kind: 'no-data' };

const usable = (p: SeriesPoint): p is { x: number; local: number; remote: number } =>
  p.x > 0 && p.local !== null && p.remote !== null && p.local > 0 && p.remote > 0;

type Usable = { x: number; local: number; remote: number };

/** Where log(remote) − log(local), linear in log(size) between a and b, is zero. */
function crossing(a: Usable, b: Usable, ga: number, gb: number): { x: number; y: number } {
  const t = ga / (ga - gb);
  const lx = Math.log(a.x) + t * (Math.log(b.x) - Math.log(a.x));
  const ly = Math.log(a.local) + t * (Math.log(b.local) - Math.log(a.local));
  return { x: Math.exp(lx), y: Math.exp(ly) };
}

/**
 * The first size at which the remote time drops below the local time; or, when the remote side is
 * faster at the smallest size, the first size at which it stops being so.
 */
export function findCrossover(points: readonly SeriesPoint[]): Crossover {
  const ps = points.filter(usable).sort((a, b) => a.x - b.x);
  if (ps.length === 0) return { kind: 'no-data' };
  const gap = (p: Usable) => Math.log(p.remote) - Math.log(p.local);
  const remoteFirst = gap(ps[0]!) < 0;
  for (let i = 0; i + 1 < ps.length; i++) {
    const a = ps[i]!;
    const b = ps[i + 1]!;
    const ga = gap(a);
    const gb = gap(b);
    if (!remoteFirst && ga >= 0 && gb < 0) return { kind: 'crossover', ...crossing(a, b, ga, gb), before: i };
    if (remoteFirst && ga < 0 && gb >= 0) return { kind: 'local-from', ...crossing(a, b, ga, gb), before: i };
  }
  return remoteFirst ? { kind: 'remote-from-start', x: ps[0]!.x } : { kind: 'none' };
}

/** The size where the lead changes hands, for a chart's marker; null when it does not in range. */
export function crossingX(c: Crossover): number | null {
  return c.kind === 'crossover' || c.kind === 'local-from' ? c.x : null;
}

/** One sentence for the page and the CLI. */
export function describeCrossover(c: Crossover, what: string, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  switch (c.kind) {
    case 'crossover':
      return `${what}: the remote side wins from ≈${formatSize(c.x)}${u}`;
    case 'local-from':
      return `${what}: the remote side is faster up to ≈${formatSize(c.x)}${u}, the local side from there on`;
    case 'remote-from-start':
      return `${what}: the remote side is faster over the whole range (from ${formatSize(c.x)}${u})`;
    case 'none':
      return `${what}: no crossover in this range`;
    case 'no-data':
      return `${what}: no points measured on both sides`;
  }
}

/** 1024 → "1,024"; 1234567.8 → "1,234,568"; 2.5 → "2.5". */
export function formatSize(x: number): string {
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toPrecision(3)));
}
