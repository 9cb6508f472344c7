/**
 * Executor compile times for 3 presets, from the daemon's reported timings (translate + executor compile,
 * with `cacheHit`): cold (fresh DUET_CACHE_DIR: translate + g++ + dlopen), warm in memory (same daemon),
 * and warm on disk (a restarted daemon on the same cache folder: translate again + dlopen of the cached
 * module). Baseline, same rounds: plain `g++` with the executor's flags (contracts §4) on the same generated
 * source, so the cold figure reads "cold = k × g++ alone".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type DaemonTarget, submitRun } from '#daemon-client';
import { translate } from '../compiler/index';
import type { Workload } from '../core/workload';
import { resolveLibraryPreset } from '../shaders/index';
import { withEmbeddedDaemon } from '../testkit/embedded-daemon';
import { type Measurement, summarise } from './measure';

const PRESETS: [string, Record<string, number>][] = [
  ['saxpy', { N: 1024 }],
  ['matmul-tiled', { M: 64, N: 64, K: 64 }],
  ['bitonic-sort', { N: 1024 }],
];

/** The executor's CPU build flags (contracts §4). */
const GXX_FLAGS = [
  '-std=c++17',
  '-O2',
  '-fPIC',
  '-shared',
  '-pthread',
  '-fno-fast-math',
  '-ffp-contract=off',
  '-w',
];

export interface PresetCompile {
  preset: string;
  /** The daemon-reported `timings.compile.ms` (translate + executor compile), as the page shows it. */
  cold: Measurement;
  memory: Measurement;
  disk: Measurement;
  /** The translate part of cold and disk (after a restart the translation comes from the daemon's disk cache). */
  translateCold: Measurement;
  translateDisk: Measurement;
  /** cold − translate: the executor's part (write source, g++, dlopen). */
  coldExecutor: Measurement;
  gxx: Measurement;
  ratioColdToGxx: number;
  ratioMemoryToCold: number;
  ratioDiskToCold: number;
  cacheHitsAsExpected: boolean;
}

export interface CompileResult {
  rounds: number;
  presets: PresetCompile[];
}

interface Sample {
  totalMs: number;
  executorMs: number;
  translateMs: number;
  cacheHit: boolean;
}

async function compileOnce(t: DaemonTarget, w: Workload): Promise<Sample> {
  const r = await submitRun(t, { ...w, runs: { warmup: 0, samples: 1 } });
  const translateMs = r.timings.compile.translateMs ?? 0;
  return {
    totalMs: r.timings.compile.ms,
    executorMs: r.timings.compile.ms - translateMs,
    translateMs,
    cacheHit: !!r.timings.compile.cacheHit,
  };
}

function gxxOnce(w: Workload, dir: string): number {
  const entryPoints = [...new Set((w.passes ?? [{ entryPoint: w.entryPoint! }]).map((p) => p.entryPoint))];
  const tr = translate(w.wgsl, { target: 'cpu', entryPoints, overrides: w.overrides });
  if (!tr.ok) throw new Error(`compile bench: ${w.name} does not translate`);
  const src = join(dir, `${w.name}.cpp`);
  writeFileSync(src, tr.code);
  const t0 = performance.now();
  execFileSync('g++', [...GXX_FLAGS, '-o', join(dir, `${w.name}.so`), src], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  return performance.now() - t0;
}

export async function benchCompile(rounds = 3, memoryRepeats = 5): Promise<CompileResult> {
  const workloads = PRESETS.map(([id, p]) => resolveLibraryPreset(id, p));
  const s = workloads.map(() => ({
    cold: [] as Sample[],
    memory: [] as Sample[],
    disk: [] as Sample[],
    gxx: [] as number[],
  }));
  for (let r = 0; r < rounds; r++) {
    const cacheDir = mkdtempSync(join(tmpdir(), 'duet-bench-cache-'));
    try {
      await withEmbeddedDaemon({ cacheDir }, async (t) => {
        for (const [i, w] of workloads.entries()) {
          s[i]!.cold.push(await compileOnce(t, w));
          s[i]!.gxx.push(gxxOnce(w, cacheDir));
          for (let k = 0; k < memoryRepeats; k++) s[i]!.memory.push(await compileOnce(t, w));
        }
      });
      await withEmbeddedDaemon({ cacheDir }, async (t) => {
        for (const [i, w] of workloads.entries()) s[i]!.disk.push(await compileOnce(t, w));
      });
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  const ms = (xs: Sample[], k: keyof Omit<Sample, 'cacheHit'> = 'totalMs') => summarise(xs.map((x) => x[k]));
  return {
    rounds,
    presets: s.map((x, i) => {
      const cold = ms(x.cold);
      const memory = ms(x.memory);
      const disk = ms(x.disk);
      const gxx = summarise(x.gxx);
      const coldExecutor = ms(x.cold, 'executorMs');
      return {
        preset: PRESETS[i]![0],
        cold,
        memory,
        disk,
        translateCold: ms(x.cold, 'translateMs'),
        translateDisk: ms(x.disk, 'translateMs'),
        coldExecutor,
        gxx,
        ratioColdToGxx: coldExecutor.median / gxx.median,
        ratioMemoryToCold: memory.median / cold.median,
        ratioDiskToCold: disk.median / cold.median,
        cacheHitsAsExpected:
          x.cold.every((c) => !c.cacheHit) &&
          x.memory.every((c) => c.cacheHit) &&
          x.disk.every((c) => c.cacheHit),
      };
    }),
  };
}
