/**
 * `--sweep` values for `duet bench`: `N=1024..1048576` doubles from lo to hi (the usual sweep for
 * sizes), `N=lo..hi*k` multiplies by k, `N=lo..hi+k` adds k, `N=a,b,c` lists values. Several
 * --sweep options combine as a grid.
 */
import { UsageError } from './args';

const MAX_POINTS = 1000;

export interface Sweep {
  name: string;
  values: number[];
}

function num(s: string, what: string): number {
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) throw new UsageError(`--sweep ${what}: "${s}" is not a number`);
  return v;
}

export function parseSweep(spec: string): Sweep {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(spec);
  if (!m) throw new UsageError(`--sweep takes NAME=lo..hi or NAME=a,b,c, not "${spec}"`);
  const [, name, range] = m as unknown as [string, string, string];
  // lo may be a decimal (0.5..4): the range separator is the first "..", not the first ".".
  const r = /^(.+?)\.\.([^*+]+)(?:([*+])(.+))?$/.exec(range);
  if (!r) return { name, values: range.split(',').map((s) => num(s, spec)) };
  const lo = num(r[1]!, spec);
  const hi = num(r[2]!, spec);
  const op = r[3] ?? '*';
  const step = r[4] === undefined ? 2 : num(r[4], spec);
  if (hi < lo) throw new UsageError(`--sweep ${spec}: the range ends below its start`);
  if (op === '*' && lo <= 0)
    throw new UsageError(
      `--sweep ${spec}: multiplying from ${lo} never grows; start above 0, or add a step (${name}=${lo}..${hi}+1)`,
    );
  if (op === '*' ? step <= 1 : step <= 0)
    throw new UsageError(`--sweep ${spec}: a step of ${op}${step} never reaches ${hi}`);
  const values: number[] = [];
  for (let v = lo; v <= hi; v = op === '*' ? v * step : v + step) {
    values.push(v);
    if (values.length > MAX_POINTS) throw new UsageError(`--sweep ${spec}: more than ${MAX_POINTS} points`);
  }
  return { name, values };
}

/** Every combination of the sweeps' values (one empty point when there are none). */
export function sweepGrid(sweeps: Sweep[]): Record<string, number>[] {
  const seen = new Set<string>();
  for (const s of sweeps) {
    if (seen.has(s.name)) throw new UsageError(`--sweep ${s.name} is given twice; give each parameter once`);
    seen.add(s.name);
  }
  let grid: Record<string, number>[] = [{}];
  for (const s of sweeps) grid = grid.flatMap((p) => s.values.map((v) => ({ ...p, [s.name]: v })));
  if (grid.length > MAX_POINTS)
    throw new UsageError(`the sweeps make ${grid.length} points; at most ${MAX_POINTS}`);
  return grid;
}
