/**
 * Code quality of the CUDA Duet emits (issue 25), without a GPU: for five presets, the translator's
 * kernel beside a hand-written CUDA kernel doing the same work (bench/cuda-handwritten/<preset>.cu),
 * both compiled by nvcc for sm_90 with the executor's flags (daemon/executor/src/cuda_compiler.cpp:
 * -std=c++17, --fmad=false unless a workload asks for FMA). Reported per side: ptxas registers, spills,
 * stack frame and shared memory (`-Xptxas -v`), PTX instructions of the kernel and of its hot loop
 * (bench/ptx-stats.ts), and the ratios generated ÷ hand-written.
 *
 * Where saxpy's registers go (2026-12-06, nvcc 13.0; 12 generated against 10 hand-written): a kernel with
 * Duet's ABI (DuetParams, the uniform in a global buffer) doing saxpy through raw pointers with no clamp
 * uses 12. The hand-written kernel takes n and a as kernel parameters (read from the constant bank, no
 * register), so the 2 are the ABI. The clamps that keep a hostile index inside its buffer (no range fact
 * bounds gid.x by arrayLength) cost 2 more while duet_rt clamped indices (x's and y's clamped index each
 * made its own 64-bit offset); clamping byte offsets instead (compiler/preludes/common.h), x[i] and y[i]
 * share i * 4 and each adds a 64-bit min, for no register.
 *
 * The time ratio (goal ≥ 0.9 × hand-written) needs a CUDA device: duet-cuda-timing runs both kernels on
 * the same buffers there (bench/cuda-timing.ts); elsewhere each row says why it was not measured.
 *
 * `npm run bench -- cuda-quality`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NVCC } from '../compiler/testkit/native';
import { translate } from '../compiler/translate';
import { resolveLibraryPreset } from '../shaders/index';
import { QUALITY_PRESETS, type TimeRatio, timeAgainstHandWritten } from './cuda-timing';
import { type PtxasStats, type PtxShape, parsePtxasInfo, ptxShape } from './ptx-stats';

const root = join(import.meta.dirname, '..');
const ARCH = 'sm_90';
/** The executor's nvcc flags for a workload without FMA (CudaCompiler::compileNvcc). */
export const NVCC_FLAGS = [`-arch=${ARCH}`, '-std=c++17', '--fmad=false'];

export interface KernelQuality extends PtxasStats {
  ptx: PtxShape;
}

export interface QualityRow {
  preset: string;
  generated: KernelQuality;
  handWritten: KernelQuality;
  /** Which instruction counts the ratio compares: the hot loops, or whole kernels when the
   * hand-written one has no loop. */
  compared: 'hot loop' | 'kernel';
  ratios: { registers: number; instructions: number };
  /** Kernel time against the hand-written kernel, on a CUDA device. */
  time?: TimeRatio;
}

export interface CudaQualityResult {
  date: string;
  nvcc: string;
  flags: string[];
  rows: QualityRow[];
  /** Results written before rows had `time`: why there was no time ratio. */
  timing?: string;
}

function nvcc(args: string[]): string {
  const r = spawnSync(NVCC, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`nvcc ${args.join(' ')} failed:\n${r.stderr}${r.error ?? ''}`);
  return r.stderr;
}

/** ptxas figures and the PTX shape of the one entry function of a CUDA source. */
export function kernelQuality(source: string): KernelQuality {
  const dir = mkdtempSync(join(tmpdir(), 'duet-cuda-quality-'));
  try {
    const cu = join(dir, 'k.cu');
    writeFileSync(cu, source);
    const info = parsePtxasInfo(
      nvcc(['-cubin', ...NVCC_FLAGS, '-Xptxas', '-v', '-o', join(dir, 'k.cubin'), cu]),
    );
    if (info.size !== 1) throw new Error(`expected one entry function, ptxas compiled ${[...info.keys()]}`);
    const [name, stats] = [...info][0] as [string, PtxasStats];
    nvcc(['-ptx', ...NVCC_FLAGS, '-o', join(dir, 'k.ptx'), cu]);
    return { ...stats, ptx: ptxShape(readFileSync(join(dir, 'k.ptx'), 'utf8'), name) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function compareQuality(preset: string): QualityRow {
  const w = resolveLibraryPreset(preset);
  const t = translate(w.wgsl, { target: 'cuda', ...(w.overrides ? { overrides: w.overrides } : {}) });
  if (!t.ok) throw new Error(`${preset}: translation failed: ${JSON.stringify(t.diagnostics).slice(0, 400)}`);
  const generated = kernelQuality(t.code);
  const handWritten = kernelQuality(
    readFileSync(join(root, 'bench/cuda-handwritten', `${preset}.cu`), 'utf8'),
  );
  const hotLoop = handWritten.ptx.hotLoop !== null && generated.ptx.hotLoop !== null;
  const count = (k: KernelQuality) => (hotLoop ? (k.ptx.hotLoop?.instructions ?? 0) : k.ptx.instructions);
  return {
    preset,
    generated,
    handWritten,
    compared: hotLoop ? 'hot loop' : 'kernel',
    ratios: {
      registers: generated.registers / handWritten.registers,
      instructions: count(generated) / count(handWritten),
    },
  };
}

export async function benchCudaQuality(): Promise<CudaQualityResult> {
  if (!existsSync(NVCC)) throw new Error(`${NVCC} not found: set NVCC to the CUDA compiler`);
  const banner = spawnSync(NVCC, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return {
    date: new Date().toISOString(),
    nvcc: /release [\d.]+, V[\d.]+/.exec(banner)?.[0] ?? 'unknown',
    flags: NVCC_FLAGS,
    rows: QUALITY_PRESETS.map((p) => ({ ...compareQuality(p), time: timeAgainstHandWritten(p) })),
  };
}
