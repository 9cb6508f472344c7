/**
 * CPU-backend kernel throughput (the executor's own per-sample kernel timing, from daemon runs) for the
 * bandwidth-copy, saxpy and matmul-tiled presets, on the executor's default thread pool (all cores) and on
 * one thread (`--threads 1`), beside native baselines compiled in the same run with g++ -O3
 * (bench/cpu-baseline.c: memcpy, a plain copy loop, a plain SAXPY loop and a plain triple loop with the
 * preset's 16x16 blocking, each on one thread and on all cores), interleaved round by round.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DaemonTarget, submitRun } from '#daemon-client';
import { DEFAULT_EXECUTOR_PATH } from '../daemon/executor-command';
import { resolveLibraryPreset } from '../shaders/index';
import { withEmbeddedDaemon } from '../testkit/embedded-daemon';
import { type Measurement, summarise } from './measure';
import { compileNative } from './native';

const COPY_N = 16 * 1024 * 1024; // floats: 64 MiB read + 64 MiB written per execution
const SAXPY_N = 16776960; // the preset's largest N
const MATMUL_N = 256; // M = N = K

export interface Throughput {
  ms: Measurement;
  /** Work ÷ median time: GB/s (10^9 bytes per second) for copies and SAXPY, GFLOP/s for matmul. */
  rate: number;
}

/** One preset: the executor on all cores and on one thread, and its native baselines. */
export interface PresetFigures {
  preset: string;
  unit: 'GB/s' | 'GFLOP/s';
  /** Bytes moved or floating-point operations per execution. */
  work: number;
  executor: Throughput;
  executorOneThread: Throughput;
  /** executor ÷ executorOneThread (throughput). */
  speedup: number;
  baselines: { name: string; oneThread: Throughput; allThreads: Throughput }[];
  /** The executor (all cores) ÷ the faster of one thread and all threads of the first baseline (medians). */
  ratio: number;
  /** The same from each side's fastest sample (less sensitive to other load on the machine). */
  ratioFastest: number;
  target: number;
}

export interface CpuBackendResult {
  threads: number | null;
  baselineThreads: number;
  flags: string[];
  presets: PresetFigures[];
}

function throughput(samples: number[], work: number): Throughput {
  const ms = summarise(samples);
  return { ms, rate: work / (ms.median * 1e6) };
}

/**
 * Runs `fn` against an embedded daemon whose executor has `threads` workers (null: its default, all
 * cores). The executor's thread count is a command-line option (`--threads`) the daemon does not pass,
 * so a one-line wrapper script, named through DUET_EXECUTOR while the daemon starts, adds it.
 */
async function withExecutorThreads<T>(
  threads: number | null,
  fn: (t: DaemonTarget) => Promise<T>,
): Promise<T> {
  if (threads === null) return withEmbeddedDaemon({}, fn);
  const dir = mkdtempSync(join(tmpdir(), 'duet-bench-threads-'));
  const wrapper = join(dir, 'executor');
  const quoted = `'${DEFAULT_EXECUTOR_PATH.replaceAll("'", "'\\''")}'`;
  writeFileSync(wrapper, `#!/bin/sh\nexec ${quoted} "$@" --threads ${threads}\n`);
  chmodSync(wrapper, 0o755);
  const before = process.env.DUET_EXECUTOR;
  const restore = () => {
    if (before === undefined) delete process.env.DUET_EXECUTOR;
    else process.env.DUET_EXECUTOR = before;
  };
  process.env.DUET_EXECUTOR = wrapper;
  try {
    return await withEmbeddedDaemon({}, async (t) => {
      restore();
      return fn(t);
    });
  } finally {
    restore();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchCpuBackend(rounds = 3, samples = 8): Promise<CpuBackendResult> {
  const flags = ['-O3', '-pthread', '-fno-tree-loop-distribute-patterns', '-ffp-contract=off'];
  const native = compileNative('cpu-baseline.c', flags);
  const baselineThreads = availableParallelism();
  const specs: { id: string; params: Record<string, number>; runs: { warmup: number; samples: number } }[] = [
    { id: 'bandwidth-copy', params: { N: COPY_N }, runs: { warmup: 2, samples } },
    { id: 'saxpy', params: { N: SAXPY_N }, runs: { warmup: 2, samples } },
    {
      id: 'matmul-tiled',
      params: { M: MATMUL_N, N: MATMUL_N, K: MATMUL_N },
      runs: { warmup: 1, samples: Math.max(2, samples / 2) },
    },
  ];
  const presets = specs.map((p) => ({
    ...p,
    workload: { ...resolveLibraryPreset(p.id, p.params), runs: p.runs },
  }));
  const all = presets.map(() => [] as number[]);
  const one = presets.map(() => [] as number[]);
  const nat: Record<string, number[]> = {};
  let threads: number | null = null;
  try {
    await withEmbeddedDaemon({}, (allCores) =>
      withExecutorThreads(1, async (oneThread) => {
        for (let r = 0; r < rounds; r++) {
          for (const [i, p] of presets.entries()) {
            const a = await submitRun(allCores, p.workload);
            all[i]!.push(...a.timings.kernel.samples);
            const threadCount = (a.device as { threads?: unknown }).threads;
            if (typeof threadCount === 'number') threads = threadCount;
            const o = await submitRun(oneThread, p.workload);
            if ((o.device as { threads?: unknown }).threads !== 1)
              throw new Error('the one-thread executor has another pool size');
            one[i]!.push(...o.timings.kernel.samples);
          }
          const out = JSON.parse(native.run([COPY_N, SAXPY_N, MATMUL_N, samples, baselineThreads])) as Record<
            string,
            number[]
          >;
          for (const [k, v] of Object.entries(out)) nat[k] = [...(nat[k] ?? []), ...v];
        }
      }),
    );
  } finally {
    native.dispose();
  }
  const copyBytes = 8 * COPY_N;
  const saxpyBytes = 12 * SAXPY_N;
  const matmulFlops = 2 * MATMUL_N ** 3;
  const base = (name: string, key: string, work: number) => ({
    name,
    oneThread: throughput(nat[key]!, work),
    allThreads: throughput(nat[`${key}Threads`] ?? nat[key]!, work),
  });
  const figures = (
    i: number,
    unit: PresetFigures['unit'],
    work: number,
    baselines: PresetFigures['baselines'],
    target: number,
  ): PresetFigures => {
    const executor = throughput(all[i]!, work);
    const executorOneThread = throughput(one[i]!, work);
    const best = Math.max(baselines[0]!.oneThread.rate, baselines[0]!.allThreads.rate);
    const fastest = (x: Throughput) => x.rate * (x.ms.median / x.ms.min);
    const bestFastest = Math.max(fastest(baselines[0]!.oneThread), fastest(baselines[0]!.allThreads));
    return {
      preset: presets[i]!.id,
      unit,
      work,
      executor,
      executorOneThread,
      speedup: executor.rate / executorOneThread.rate,
      baselines,
      ratio: executor.rate / best,
      ratioFastest: fastest(executor) / bestFastest,
      target,
    };
  };
  return {
    threads,
    baselineThreads,
    flags,
    presets: [
      figures(
        0,
        'GB/s',
        copyBytes,
        [
          base('plain copy loop `y[i] = x[i]`', 'copyLoop', copyBytes),
          {
            name: 'memcpy (glibc, one thread)',
            oneThread: throughput(nat.memcpy!, copyBytes),
            allThreads: throughput(nat.memcpy!, copyBytes),
          },
        ],
        0.9,
      ),
      figures(
        1,
        'GB/s',
        saxpyBytes,
        [base('plain SAXPY loop `y[i] = a*x[i] + y[i]`', 'saxpyLoop', saxpyBytes)],
        0.9,
      ),
      figures(
        2,
        'GFLOP/s',
        matmulFlops,
        [base('plain triple loop, 16x16 blocks', 'matmul', matmulFlops)],
        0.5,
      ),
    ],
  };
}
