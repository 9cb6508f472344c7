/**
 * Issue 25's time ratio on an NVIDIA device: Duet's CUDA kernel for a preset against the hand-written
 * one in bench/cuda-handwritten/<preset>.cu, on the same buffers, timed by duet-cuda-timing
 * (daemon/executor/bench/cuda_timing.cpp; built with the executor). Without a device the tool says why
 * (no libcuda, no device) and the row says "not measured" with its words.
 *
 * The hand-written kernels follow one convention, which the spec relies on: their parameters are the
 * preset's uniform fields in declaration order (u32 or f32), then its storage buffers in binding order
 * as pointers. Grid = the workload's dispatch, block = the WGSL @workgroup_size.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '../compiler/translate';
import { generateBinding } from '../core/generators';
import { packUniform } from '../core/host-layout';
import { resolveLibraryPreset } from '../shaders/index';

const root = join(import.meta.dirname, '..');
/** The presets of issue 25, each with its hand-written kernel in bench/cuda-handwritten/<id>.cu. */
export const QUALITY_PRESETS = ['saxpy', 'reduce-workgroup', 'matmul-tiled', 'transpose-tiled', 'nbody'];
export const TIMING_TOOL = join(root, 'daemon/executor/build/duet-cuda-timing');

export interface KernelTime {
  label: string;
  ms: { median: number; min: number; p90: number; max: number; n: number; unit: 'ms' };
  /** Slots whose bytes after one run differ from the first kernel's (absent for the first). */
  buffersDiffering?: number[];
}

export type TimeRatio =
  | {
      device: string;
      /** Hand-written median ÷ generated median: the generated kernel's speed relative to the hand-written one. */
      ratio: number;
      generated: KernelTime;
      handWritten: KernelTime;
    }
  | { notMeasured: string };

/** The hand-written kernel's name: its one `__global__` function. */
export function handWrittenSymbol(source: string): string {
  const m = /__global__\s+void\s+(?:__launch_bounds__\s*\([^)]*\)\s+)?(\w+)\s*\(/.exec(source);
  if (!m) throw new Error('no __global__ kernel in the hand-written source');
  return m[1]!;
}

/** Writes the tool's spec and input files for `preset` into `dir`; returns the spec's path. */
export function writeTimingSpec(preset: string, dir: string, reps = 100): string {
  const w = resolveLibraryPreset(preset);
  const t = translate(w.wgsl, { target: 'cuda', ...(w.overrides ? { overrides: w.overrides } : {}) });
  if (!t.ok) throw new Error(`${preset}: translation failed: ${t.diagnostics[0]?.message}`);
  const kernel = t.kernels.find((k) => k.entryPoint === w.entryPoint) ?? t.kernels[0]!;
  const hand = readFileSync(join(root, 'bench/cuda-handwritten', `${preset}.cu`), 'utf8');
  const buffers: { file: string }[] = [];
  const scalars: ({ u32: number } | { f32: number })[] = [];
  const pointers: { buffer: number }[] = [];
  for (const b of [...t.bindings].sort((x, y) => x.slot - y.slot)) {
    const wb = w.bindings.find((x) => x.name === b.name);
    if (!wb) throw new Error(`${preset}: the workload has no binding ${b.name}`);
    let bytes: Uint8Array;
    if (b.kind === 'uniform') {
      bytes = packUniform(b.layout, wb.fields ?? {});
      if (b.layout.kind !== 'struct') throw new Error(`${preset}: uniform ${b.name} is not a struct`);
      for (const m of b.layout.members) {
        const v = Number(wb.fields?.[m.name] ?? 0);
        if (m.layout.kind !== 'scalar' || (m.layout.scalar !== 'u32' && m.layout.scalar !== 'f32'))
          throw new Error(`${preset}: uniform member ${m.name} is not a u32 or f32`);
        scalars.push(m.layout.scalar === 'u32' ? { u32: v } : { f32: v });
      }
    } else {
      bytes = generateBinding(wb);
      pointers.push({ buffer: b.slot });
    }
    const file = `slot${b.slot}.bin`;
    writeFileSync(join(dir, file), bytes);
    buffers.push({ file });
  }
  writeFileSync(join(dir, 'generated.cu'), t.code);
  writeFileSync(join(dir, 'hand.cu'), hand);
  const spec = {
    grid: w.dispatch,
    block: kernel.workgroupSize,
    warmup: 10,
    reps,
    fma: false,
    buffers,
    kernels: [
      { label: 'generated', source: 'generated.cu', symbol: kernel.symbol, abi: 'duet' },
      {
        label: 'hand-written',
        source: 'hand.cu',
        symbol: handWrittenSymbol(hand),
        abi: 'args',
        args: [...scalars, ...pointers],
      },
    ],
  };
  const path = join(dir, 'spec.json');
  writeFileSync(path, JSON.stringify(spec, null, 1));
  return path;
}

/** Times `preset` with the tool; "not measured" with the tool's words when it cannot. */
export function timeAgainstHandWritten(
  preset: string,
  tool = TIMING_TOOL,
  env: NodeJS.ProcessEnv = process.env,
): TimeRatio {
  if (!existsSync(tool)) return { notMeasured: `${tool} is not built (node scripts/build-executor.mjs)` };
  const dir = mkdtempSync(join(tmpdir(), 'duet-cuda-timing-'));
  try {
    const r = spawnSync(tool, [writeTimingSpec(preset, dir)], { encoding: 'utf8', timeout: 600_000, env });
    let out: { error?: string; device?: string; kernels?: KernelTime[] };
    try {
      out = JSON.parse(r.stdout);
    } catch {
      return { notMeasured: `duet-cuda-timing gave no result (exit ${r.status}): ${r.stderr.slice(0, 300)}` };
    }
    if (out.error || !out.kernels) return { notMeasured: out.error ?? 'duet-cuda-timing gave no kernels' };
    const [generated, handWritten] = out.kernels as [KernelTime, KernelTime];
    return {
      device: out.device ?? 'unknown',
      ratio: handWritten.ms.median / generated.ms.median,
      generated,
      handWritten,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A markdown table of time ratios by preset (docs/performance.md, docs/gpu-verification.md). */
export function timeTable(times: readonly (readonly [string, TimeRatio])[]): string[] {
  const ms = (k: KernelTime) => `${k.ms.median.toFixed(4)} (min ${k.ms.min.toFixed(4)}, n=${k.ms.n})`;
  return [
    '| preset | generated ms | hand-written ms | hand-written ÷ generated (goal ≥ 0.9) | device | outputs |',
    '|---|---|---|---|---|---|',
    ...times.map(([p, t]) =>
      'notMeasured' in t
        ? `| ${p} | | | not measured: ${t.notMeasured.replaceAll('|', '\\|')} | | |`
        : `| ${p} | ${ms(t.generated)} | ${ms(t.handWritten)} | ${t.ratio.toFixed(2)}${t.ratio < 0.9 ? ' (**not met**)' : ''} | ${t.device} | ${t.handWritten.buffersDiffering?.length ? `slots ${t.handWritten.buffersDiffering.join(', ')} differ` : 'identical bytes'} |`,
    ),
  ];
}
