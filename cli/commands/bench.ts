/**
 * duet bench <preset|preset.json|workload.json> [--sweep N=lo..hi]… [--backend cpu|cuda|webgpu]
 *            [--daemon URL --token T] [--csv|--json] [--chart out.svg]
 *
 * Runs the workload at every sweep point on one side (one embedded daemon or one browser for the
 * whole sweep) and prints kernel time and throughput per point. A point that fails is reported in
 * its row and the sweep goes on; the exit code is 1 when any point failed.
 * `--chart` also runs every point in headless Chromium (WebGPU, the local side) and writes both
 * sides' totals and kernels on log-log axes, crossover marked, as an SVG (cli/bench-chart.ts).
 */
import { writeFileSync } from 'node:fs';
import { DaemonError } from '#daemon-client';
import { ConfigError, loadLimitsFile } from '../../daemon/config';
import { oneOf, parseCommandArgs, UsageError } from '../args';
import { benchChartSvg, crossoverLines, sweepCrossovers } from '../bench-chart';
import { type BenchRow, benchRow, toCsv, toTable } from '../bench-report';
import { openBenchTarget } from '../bench-target';
import { openSideRunner, type SideRunner } from '../side-runner';
import { parseSweep, sweepGrid } from '../sweep';
import { terminalSafe } from '../terminal-safe';
import { progressPrinter } from './run';

const HELP = `usage: duet bench <preset|preset.json|workload.json> [--sweep N=lo..hi]… [--backend cpu|cuda|webgpu]
                  [--daemon URL --token T] [--csv|--json] [--chart out.svg]

  <preset>            a kernel-library id (a folder of shaders/, e.g. saxpy) or a preset.json file;
                      a plain workload.json runs once
  --sweep N=lo..hi    vary a preset parameter: lo..hi doubles, lo..hi*k multiplies by k,
                      lo..hi+k adds k, a,b,c lists values; several --sweep make a grid
  --backend, --daemon, --token, --config   as for duet run
  --csv | --json      machine-readable output (default: a table)
  --chart out.svg     also run each point on WebGPU in headless Chromium (the local side) and write
                      both sides' total and kernel times vs the swept parameter on log-log axes,
                      with the crossover marked (one --sweep; not with --backend webgpu)`;

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
    if (opts.chart && opts.sweeps.length !== 1)
      throw new UsageError('--chart draws one swept parameter: give exactly one --sweep');
  } catch (e) {
    process.stderr.write(`duet bench: ${(e as Error).message}\n`);
    return 2;
  }

  const progress = progressPrinter(opts.csv || opts.json);
  const rows: BenchRow[] = [];
  const localRows: BenchRow[] = [];
  let failed = 0;
  let local: SideRunner | null = null;
  try {
    if (opts.chart) local = await openSideRunner({ backend: 'webgpu' });
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
          // No point can succeed without the daemon or with a refused token: stop, and say why.
          if (e instanceof DaemonError && (e.kind === 'unreachable' || e.kind === 'unauthorized')) throw e;
          failed++;
          rows.push({ ...emptyRow(params), error: (e as Error).message });
        }
        if (!local) continue;
        try {
          const r = await local.run(w, (line) =>
            progress(`[${i + 1}/${points.length}] ${label} webgpu ${line}`),
          );
          localRows.push(benchRow(params, w, r));
        } catch (e) {
          failed++;
          localRows.push({ ...emptyRow(params), backend: 'webgpu', error: (e as Error).message });
        }
      }
    } finally {
      await runner.close();
    }
  } catch (e) {
    await local?.close();
    progress(null);
    process.stderr.write(`duet bench: ${terminalSafe((e as Error).message)}\n`);
    if (e instanceof DaemonError && e.hint) process.stderr.write(`hint: ${e.hint}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
  await local?.close();
  progress(null);
  if (opts.chart) {
    const param = parseSweep(opts.sweeps[0]!).name;
    writeFileSync(opts.chart, benchChartSvg({ name: target.name, param, local: localRows, remote: rows }));
    process.stderr.write(`duet bench: chart written to ${opts.chart}\n`);
  }
  if (opts.json) {
    const crossovers = () =>
      sweepCrossovers(parseSweep(opts.sweeps[0]!).name, localRows, rows).crossovers.map((c) => ({
        id: c.id,
        name: c.name,
        ...c.crossover,
      }));
    const out = opts.chart
      ? { target: target.name, rows, localRows, crossovers: crossovers() }
      : { target: target.name, rows };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else if (opts.csv) process.stdout.write(`${toCsv([...rows, ...localRows])}\n`);
  else {
    process.stdout.write(`${terminalSafe(toTable(target.name, rows))}\n`);
    if (localRows.length) {
      process.stdout.write(`\n${terminalSafe(toTable(target.name, localRows))}\n`);
      const param = parseSweep(opts.sweeps[0]!).name;
      const lines = crossoverLines(param, localRows, rows);
      process.stdout.write(`\nTotal crossovers (local ${localRows[0]?.backend || 'webgpu'} vs remote):\n`);
      process.stdout.write(`${terminalSafe(lines.map((l) => `  ${l}`).join('\n'))}\n`);
    }
  }
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
    transportMs: null,
    bytesUp: 0,
    bytesDown: 0,
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
    chart: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help)
    return { help: true as const, target: '', sweeps: [], csv: false, json: false, chart: undefined };
  if (positionals.length !== 1) throw new UsageError('give exactly one preset id or .json file');
  if (values.csv && values.json) throw new UsageError('--csv or --json, not both');
  if (values.token && !values.daemon) throw new UsageError('--token goes with --daemon URL');
  if (values.chart !== undefined && !values.chart.endsWith('.svg'))
    throw new UsageError('--chart writes an SVG file: give a path ending in .svg');
  if (values.chart && values.backend === 'webgpu')
    throw new UsageError('--chart compares WebGPU (local) with a cpu/cuda side: leave out --backend webgpu');
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
    chart: values.chart,
  };
}
