/**
 * CPU-backend kernel throughput (the executor's own per-sample kernel timing, from daemon runs) beside
 * native baselines compiled here with g++ -O2 (bench/cpu-baseline.c, one thread), interleaved round by
 * round: bandwidth-copy (64 MiB copied) vs memcpy and a plain copy loop; saxpy vs a plain SAXPY loop.
 */
import { submitRun } from '../daemon/client';
import { resolveLibraryPreset } from '../shaders/index';
import { withDaemon } from './embedded';
import { type Measurement, summarise } from './measure';
import { compileNative } from './native';

const COPY_N = 16 * 1024 * 1024; // floats: 64 MiB read + 64 MiB written per execution
const SAXPY_N = 16776960; // the preset's largest N

export interface Throughput {
  ms: Measurement;
  /** bytes moved ÷ median time, in GB/s (10^9 bytes per second). */
  gbps: number;
}

export interface CpuBackendResult {
  threads: number | null;
  copyBytes: number;
  saxpyBytes: number;
  bandwidthCopy: Throughput;
  memcpy: Throughput;
  copyLoop: Throughput;
  saxpy: Throughput;
  saxpyLoop: Throughput;
  ratioCopyToMemcpy: number;
  ratioCopyToLoop: number;
  ratioSaxpyToLoop: number;
}

function throughput(samples: number[], bytes: number): Throughput {
  const ms = summarise(samples);
  return { ms, gbps: bytes / (ms.median * 1e6) };
}

export async function benchCpuBackend(rounds = 3, samples = 8): Promise<CpuBackendResult> {
  const native = compileNative('cpu-baseline.c', [
    '-O2',
    '-fno-tree-loop-distribute-patterns',
    '-ffp-contract=off',
  ]);
  const runs = { warmup: 2, samples };
  const copy = { ...resolveLibraryPreset('bandwidth-copy', { N: COPY_N }), runs };
  const saxpy = { ...resolveLibraryPreset('saxpy', { N: SAXPY_N }), runs };
  const t = {
    copy: [] as number[],
    saxpy: [] as number[],
    memcpy: [] as number[],
    copyLoop: [] as number[],
    saxpyLoop: [] as number[],
  };
  let threads: number | null = null;
  try {
    await withDaemon({}, async (target) => {
      for (let r = 0; r < rounds; r++) {
        const c = await submitRun(target, copy);
        const s = await submitRun(target, saxpy);
        t.copy.push(...c.timings.kernel.samples);
        t.saxpy.push(...s.timings.kernel.samples);
        const threadCount = (c.device as { threads?: unknown }).threads;
        if (typeof threadCount === 'number') threads = threadCount;
        const out = JSON.parse(native.run([COPY_N, SAXPY_N, samples])) as Record<string, number[]>;
        t.memcpy.push(...out.memcpy!);
        t.copyLoop.push(...out.copyLoop!);
        t.saxpyLoop.push(...out.saxpyLoop!);
      }
    });
  } finally {
    native.dispose();
  }
  const copyBytes = 8 * COPY_N;
  const saxpyBytes = 12 * SAXPY_N;
  const bandwidthCopy = throughput(t.copy, copyBytes);
  const memcpy = throughput(t.memcpy, copyBytes);
  const copyLoop = throughput(t.copyLoop, copyBytes);
  const saxpyT = throughput(t.saxpy, saxpyBytes);
  const saxpyLoop = throughput(t.saxpyLoop, saxpyBytes);
  return {
    threads,
    copyBytes,
    saxpyBytes,
    bandwidthCopy,
    memcpy,
    copyLoop,
    saxpy: saxpyT,
    saxpyLoop,
    ratioCopyToMemcpy: bandwidthCopy.gbps / memcpy.gbps,
    ratioCopyToLoop: bandwidthCopy.gbps / copyLoop.gbps,
    ratioSaxpyToLoop: saxpyT.gbps / saxpyLoop.gbps,
  };
}
