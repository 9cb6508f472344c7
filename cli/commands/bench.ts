/**
 * duet bench <preset|preset.json|workload.json> [--sweep N=lo..hi]… [--backend cpu|cuda|webgpu]
 *            [--daemon URL --token T] [--csv|--json]
 *
 * Runs the workload at every sweep point on one side (one embedded daemon or one browser for the
 * whole sweep) and prints kernel time and throughput per point. A point that fails is reported in
 * its row and the sweep goes on; the exit code is 1 when any point failed.
 */
import { ConfigError, loadLimitsFile } from '../../daemon/config';
import { oneOf, parseCommandArgs, UsageError } from '../args';
import { type BenchRow, benchRow, toCsv, toTable } from '../bench-report';
import { openBenchTarget } from '../bench-target';
import { openSideRunner } from '../side-runner';
import { parseSweep, sweepGrid } from '../sweep';
import { progressPrinter } from './run';

const HELP = `usage: duet bench <preset|preset.json|workload.json> [--sweep N=lo..hi]… [--backend cpu|cuda|webgpu]
                  [--daemon URL --token T] [--csv|--json]

  <preset>            a kernel-library id (a folder of shaders/, e.g. saxpy) or a preset.json file;
                      a plain workload.json runs once
  --sweep N=lo..hi    vary a preset parameter: lo..hi doubles, lo..hi*k multiplies by k,
                      lo..hi+k adds k, a,b,c lists values; several --sweep make a grid
  --backend, --daemon, --token, --config   as for duet run
  --csv | --json      machine-readable output (default: a table)`;

export async function benchCommand(argv: string[]): Promise<number> {
  let opts: ReturnType<typeof parseBenchArgs>;
  try {
    opts = parseBenchArgs(argv);
    if (opts.help) {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
  } catch (e) {
    if (!(e instanceof UsageError || e instanceof ConfigError)) throw e;
    process.stderr.write(`duet bench: ${e.message}\n\n${HELP}\n`);
    return 2;
  }
  let points: Record<string, number>[];
  let target: ReturnType<typeof openBenchTarget>;
  try {
    target = openBenchTarget(opts.target);
    points = sweepGrid(opts.sweeps.map(parseSweep));
    if (!target.sweepable && opts.sweeps.length)
      throw new UsageError(`${opts.target} is a plain workload: only presets take --sweep`);
    for (const p of points) target.at(p); // every point must resolve before anything runs
  } catch (e) {
    process.stderr.write(`duet bench: ${(e as Error).message}\n`);
    return 2;
  }

  const progress = progressPrinter(opts.csv || opts.json);
  const rows: BenchRow[] = [];
  let failed = 0;
  try {
    const runner = await openSideRunner({
      backend: opts.backend,
      daemon: opts.daemon,
      token: opts.token,
      limits: opts.limits,
    });
    try {
      for (const [i, params] of points.entries()) {
        const w = target.at(params);
        const label = Object.entries(params)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
        try {
          const r = await runner.run(w, (line) => progress(`[${i + 1}/${points.length}] ${label} ${line}`));
          rows.push(benchRow(params, w, r));
        } catch (e) {
          failed++;
          rows.push({ ...emptyRow(params), error: (e as Error).message });
        }
      }
    } finally {
      await runner.close();
    }
  } catch (e) {
    progress(null);
    process.stderr.write(`duet bench: ${(e as Error).message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
  progress(null);
  if (opts.json) process.stdout.write(`${JSON.stringify({ target: target.name, rows }, null, 2)}\n`);
  else if (opts.csv) process.stdout.write(`${toCsv(rows)}\n`);
  else process.stdout.write(`${toTable(target.name, rows)}\n`);
  return failed ? 1 : 0;
}

function emptyRow(params: Record<string, number>): BenchRow {
  return {
    params,
    backend: '',
    device: '',
    kernelMedianMs: 0,
    kernelMinMs: 0,
    kernelP90Ms: 0,
    samples: 0,
    gbPerS: null,
    gflopPerS: null,
    compileMs: 0,
    uploadMs: 0,
    downloadMs: 0,
  };
}

function parseBenchArgs(argv: string[]) {
  const { values, positionals } = parseCommandArgs(argv, {
    sweep: { type: 'string', multiple: true },
    backend: { type: 'string' },
    daemon: { type: 'string' },
    token: { type: 'string' },
    config: { type: 'string' },
    csv: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { help: true as const, target: '', sweeps: [], csv: false, json: false };
  if (positionals.length !== 1) throw new UsageError('give exactly one preset id or .json file');
  if (values.csv && values.json) throw new UsageError('--csv or --json, not both');
  if (values.token && !values.daemon) throw new UsageError('--token goes with --daemon URL');
  return {
    help: false as const,
    target: positionals[0]!,
    sweeps: values.sweep ?? [],
    backend: oneOf(values.backend, ['cpu', 'cuda', 'webgpu'] as const, '--backend'),
    daemon: values.daemon,
    token: values.token ?? process.env.DUET_TOKEN,
    limits: values.config ? loadLimitsFile(values.config) : undefined,
    csv: values.csv ?? false,
    json: values.json ?? false,
  };
}
