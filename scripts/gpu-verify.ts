/**
 * `npm run verify:gpu` — the GPU check, one command, on a machine with an NVIDIA GPU:
 * builds the executor, runs the translator's whole differential corpus and every library preset on
 * the CUDA backend and on the CPU backend (the reference that CI proves against WebGPU), compares
 * them output by output, measures compile cold / cache-hit times, and writes its report (date, GPU,
 * driver, CUDA version, per-kernel verdicts and timings) into the marked part of
 * docs/gpu-verification.md (scripts/verify-report-file.ts). Exit 1 on any mismatch or error.
 *
 *   npm run verify:gpu [-- --only 0,1,2]   (a subset, for a quick look: corpus numbers (0 or 000),
 *                                           corpus ids, preset/<id>)
 *   npm run verify:gpu [-- --out FILE]     (the report somewhere else, e.g. a device run's $OUT)
 *   npm run verify:gpu [-- --only timing]  (only issue 25's generated against hand-written kernel times)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUALITY_PRESETS, type TimeRatio, timeAgainstHandWritten, timeTable } from '../bench/cuda-timing';
import { openSideRunner, type SideRunner } from '../cli/side-runner';
import { loadCorpus } from '../compiler/corpus/corpus';
import { compareOutputs } from '../core/compare';
import type { DeviceInfo, SideResult } from '../core/result';
import type { Workload } from '../core/workload';
import { PRESETS, resolveLibraryPreset } from '../shaders/index';
import { sourceRevision } from './source-revision';
import { placeReport } from './verify-report-file';

interface Row {
  id: string;
  verdict: string;
  detail: string;
  cudaKernelMs?: number;
  cpuKernelMs?: number;
  cudaCompileMs?: number;
  cudaCacheHitMs?: number;
}

const root = join(import.meta.dirname, '..');
/** "007" and "7" name the same corpus kernel. */
const unpadded = (x: string) => (/^\d+$/.test(x) ? String(Number(x)) : x);
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? new Set((process.argv[onlyArg + 1] ?? '').split(',').map(unpadded)) : null;
const outArg = process.argv.indexOf('--out');
const outFile =
  outArg > 0 && process.argv[outArg + 1] ? process.argv[outArg + 1]! : join(root, 'docs/gpu-verification.md');

async function attempt(runner: SideRunner, w: Workload): Promise<SideResult | Error> {
  try {
    return await runner.run(w);
  } catch (e) {
    return e as Error;
  }
}

async function verifyOne(id: string, w: Workload, cuda: SideRunner, cpu: SideRunner): Promise<Row> {
  const gpu = await attempt(cuda, w);
  const ref = await attempt(cpu, w);
  if (gpu instanceof Error) return { id, verdict: 'error', detail: `cuda: ${gpu.message}` };
  if (ref instanceof Error) return { id, verdict: 'error', detail: `cpu: ${ref.message}` };
  // A second CUDA run of the same source measures the module cache hit.
  const again = await attempt(cuda, w);
  const verdicts = compareOutputs(w, gpu, ref);
  const worst = verdicts.find((v) => v.verdict === 'mismatch' || v.verdict === 'size-mismatch');
  const row: Row = {
    id,
    verdict: worst ? 'mismatch' : verdicts.every((v) => v.verdict === 'match') ? 'match' : 'within tolerance',
    detail: worst
      ? `${worst.name}: ${worst.mismatchCount} mismatches, first at ${worst.firstMismatches[0]?.index} (cuda ${worst.firstMismatches[0]?.a}, cpu ${worst.firstMismatches[0]?.b})`
      : verdicts.map((v) => `${v.name} max ULP ${v.maxUlp}`).join('; '),
    cudaKernelMs: gpu.timings.kernel.median,
    cpuKernelMs: ref.timings.kernel.median,
    cudaCompileMs: gpu.timings.compile.ms,
  };
  if (!(again instanceof Error) && again.timings.compile.cacheHit)
    row.cudaCacheHitMs = again.timings.compile.ms;
  return row;
}

function deviceLine(d: DeviceInfo): string {
  const parts = [
    d.name,
    d.computeCapability && `compute capability ${d.computeCapability}`,
    d.multiprocessors && `${d.multiprocessors} SMs`,
    d.memoryBytes && `${(d.memoryBytes / 2 ** 30).toFixed(1)} GiB`,
    d.driverVersion && `driver ${d.driverVersion}`,
    d.cudaVersion && `CUDA ${d.cudaVersion}`,
    d.pcie?.generation && `PCIe gen ${d.pcie.generation} x${d.pcie.width ?? '?'}`,
    d.bandwidth?.hostToDeviceGBs && `H→D ${d.bandwidth.hostToDeviceGBs.toFixed(1)} GB/s`,
    d.bandwidth?.deviceToHostGBs && `D→H ${d.bandwidth.deviceToHostGBs.toFixed(1)} GB/s`,
  ];
  return parts.filter(Boolean).join(', ');
}

/** `corpus/007-matrix-storage-layout` → `7`, so `--only 7` and `--only 007` both pick it. */
function corpusNumber(id: string): string {
  return unpadded(id.slice('corpus/'.length).split('-')[0]!);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
};
const fmt = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));

async function main(): Promise<number> {
  const cuda = await openSideRunner({ backend: 'cuda' });
  const cpu = await openSideRunner({ backend: 'cpu' });
  const rows: Row[] = [];
  let device: DeviceInfo | undefined;
  try {
    const wanted = (id: string) =>
      !only || only.has(id) || (id.startsWith('corpus/') && only.has(corpusNumber(id)));
    const work: [string, Workload][] = [
      ...loadCorpus().map((k) => [`corpus/${k.id}`, k.workload] as [string, Workload]),
      ...PRESETS.map((p) => [`preset/${p.id}`, resolveLibraryPreset(p.id)] as [string, Workload]),
    ].filter(([id]) => wanted(id));
    for (const [id, w] of work) {
      const row = await verifyOne(id, w, cuda, cpu);
      rows.push(row);
      process.stderr.write(
        `${row.verdict.padEnd(16)} ${id}${row.verdict === 'mismatch' || row.verdict === 'error' ? `  ${row.detail}` : ''}\n`,
      );
      if (!device && row.verdict !== 'error') device = (await cuda.run(w)).device;
    }
  } finally {
    await cuda.close();
    await cpu.close();
  }
  // Issue 25: each quality preset's generated kernel against its hand-written one (`--only timing`).
  const times: [string, TimeRatio][] = [];
  for (const p of !only || only.has('timing') ? QUALITY_PRESETS : []) {
    times.push([p, timeAgainstHandWritten(p)]);
    process.stderr.write(`timed            ${p}\n`);
  }
  const bad = rows.filter((r) => r.verdict === 'mismatch' || r.verdict === 'error');
  const compiles = rows.flatMap((r) => (r.cudaCompileMs === undefined ? [] : [r.cudaCompileMs]));
  const hits = rows.flatMap((r) => (r.cudaCacheHitMs === undefined ? [] : [r.cudaCacheHitMs]));
  const md = [
    '# GPU verification',
    '',
    `Written by ${process.env.DUET_VERIFY_RUNNER ?? '`npm run verify:gpu` (scripts/gpu-verify.ts)'}: every corpus kernel and`,
    'library preset on the CUDA backend against the CPU backend (which CI checks against WebGPU in Chromium).',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Source: ${sourceRevision(root)}`,
    `- Device: ${device ? deviceLine(device) : 'unknown (no successful CUDA run)'}`,
    `- Kernels: ${rows.length}; match or within tolerance: ${rows.length - bad.length}; mismatch or error: ${bad.length}`,
    `- Compile (translate + NVRTC/nvcc + module load), first run: median ${fmt(median(compiles))} ms over ${compiles.length}`,
    `- Module cache hit, second run: median ${fmt(median(hits))} ms over ${hits.length}`,
    '',
    '| kernel | verdict | CUDA kernel ms (median) | CPU kernel ms (median) | compile ms | cache hit ms | detail |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.id} | ${r.verdict} | ${fmt(r.cudaKernelMs)} | ${fmt(r.cpuKernelMs)} | ${fmt(r.cudaCompileMs)} | ${fmt(r.cudaCacheHitMs)} | ${r.detail.replaceAll('|', '\\|')} |`,
    ),
    '',
    ...(times.length
      ? [
          '## Generated CUDA against hand-written kernels (issue 25)',
          '',
          "Each preset's kernel as Duet emits it and the hand-written one in bench/cuda-handwritten/, on the same",
          'buffers, by duet-cuda-timing (bench/cuda-timing.ts): the median of 100 launches each, events around each launch.',
          '',
          ...timeTable(times),
          '',
        ]
      : []),
  ].join('\n');
  writeFileSync(outFile, placeReport(existsSync(outFile) ? readFileSync(outFile, 'utf8') : null, md));
  process.stderr.write(`wrote ${outFile}: ${rows.length - bad.length}/${rows.length} agree\n`);
  return bad.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`verify:gpu: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
