/**
 * What a change to the translator or the preludes costs (wall 2, docs/security.md), measured against the
 * translator of a git revision: compiler/ and core/ of that revision taken with `git archive` into
 * node_modules/.cache, so a change to emission and to the preludes is measured together.
 *
 * - CUDA, every preset in shaders/: ptxas registers, spill bytes and stack frame (nvcc -cubin -arch=sm_90
 *   -Xptxas -v) and PTX instruction lines (nvcc -ptx), before and after.
 * - CPU backend, bandwidth-copy, saxpy and matmul-tiled: both builds made as the executor makes modules
 *   (its g++ flags, -shared, dlopen'ed) in one process on one thread, whole dispatches timed base/head
 *   alternately; the same with base against itself (A/A) gives the method's noise on this machine.
 *
 * `npm run bench -- prelude-cost` (base: $DUET_PRELUDE_COST_BASE, default HEAD; head: the working tree)
 * writes its section of docs/performance.md; scripts/prelude-cost.ts is the command-line form.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BindingInfo, KernelInfo } from '../compiler/index';
import { packUniform } from '../compiler/layout';
import { generateBinding } from '../core/generators';
import { bindingBytes, type Workload } from '../core/workload';
import { PRESETS, resolveLibraryPreset } from '../shaders/index';
import { machineInfo } from './machine';
import { type Measurement, summarise } from './measure';

export type Translate = (
  src: string,
  o: { target: 'cuda' | 'cpu'; overrides?: Record<string, number> },
) =>
  | { ok: true; code: string; kernels: KernelInfo[]; bindings: BindingInfo[] }
  | { ok: false; diagnostics: unknown };

const root = join(import.meta.dirname, '..');
const NVCC = process.env.NVCC ?? '/usr/local/cuda/bin/nvcc';
const GXX = process.env.CXX ?? 'g++';
/* The executor's flags (daemon/executor/src/cpu_backend.cpp CpuCompiler::flags), as an executable. */
const GXX_FLAGS = [
  '-std=c++17',
  '-O2',
  '-fvect-cost-model=cheap',
  '-fPIC',
  '-pthread',
  '-fno-fast-math',
  '-ffp-contract=off',
  '-w',
];

export async function translatorAt(ref: string): Promise<Translate> {
  const sha = execFileSync('git', ['rev-parse', ref], { cwd: root, encoding: 'utf8' }).trim();
  const dir = join(root, 'node_modules/.cache/duet-prelude-cost', sha);
  if (!existsSync(join(dir, 'compiler/translate.ts'))) {
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['archive', sha, 'compiler', 'core'], { cwd: root, maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  }
  const mod = (await import(pathToFileURL(join(dir, 'compiler/translate.ts')).href)) as {
    translate: Translate;
  };
  return mod.translate;
}

export async function currentTranslator(): Promise<Translate> {
  return ((await import('../compiler/translate')) as unknown as { translate: Translate }).translate;
}

function translateOk(t: Translate, w: Workload, target: 'cuda' | 'cpu') {
  const r = t(w.wgsl, { target, ...(w.overrides ? { overrides: w.overrides } : {}) });
  if (!r.ok) throw new Error(`${w.name}: translation failed: ${JSON.stringify(r.diagnostics).slice(0, 400)}`);
  return r;
}

// ---------------------------------------------------------------------------------------------- CUDA

export interface CudaStats {
  registers: number;
  spillStores: number;
  spillLoads: number;
  stack: number;
  ptxLines: number;
}

/** Instruction lines of a PTX file: statements ending in `;` that are not directives or declarations. */
function countPtx(ptx: string): number {
  let n = 0;
  for (const raw of ptx.split('\n')) {
    const l = raw.trim();
    if (!l.endsWith(';') || l.startsWith('.') || l.startsWith('//')) continue;
    n++;
  }
  return n;
}

function cudaStats(code: string): CudaStats {
  const dir = mkdtempSync(join(tmpdir(), 'duet-cost-'));
  try {
    const src = join(dir, 'k.cu');
    writeFileSync(src, code);
    const cubin = spawnSync(
      NVCC,
      ['-cubin', '-arch=sm_90', '-Xptxas', '-v', '-o', join(dir, 'k.cubin'), src],
      {
        encoding: 'utf8',
      },
    );
    if (cubin.status !== 0) throw new Error(`nvcc -cubin failed:\n${cubin.stderr}`);
    const s: CudaStats = { registers: 0, spillStores: 0, spillLoads: 0, stack: 0, ptxLines: 0 };
    for (const m of cubin.stderr.matchAll(
      /(\d+) bytes stack frame, (\d+) bytes spill stores, (\d+) bytes spill loads/g,
    )) {
      s.stack = Math.max(s.stack, Number(m[1]));
      s.spillStores += Number(m[2]);
      s.spillLoads += Number(m[3]);
    }
    for (const m of cubin.stderr.matchAll(/Used (\d+) registers/g))
      s.registers = Math.max(s.registers, Number(m[1]));
    execFileSync(NVCC, ['-ptx', '-arch=sm_90', '-o', join(dir, 'k.ptx'), src], { stdio: 'pipe' });
    s.ptxLines = countPtx(readFileSync(join(dir, 'k.ptx'), 'utf8'));
    return s;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ----------------------------------------------------------------------------------------------- CPU

/** The workload's initial bytes for every binding of the module, by slot (uniform fields packed). */
function slotBytes(w: Workload, bindings: BindingInfo[]): Map<number, Uint8Array> {
  const m = new Map<number, Uint8Array>();
  for (const info of bindings) {
    const b = w.bindings.find((x) => x.group === info.group && x.binding === info.binding);
    if (!b) throw new Error(`${w.name}: no workload binding for ${info.name}`);
    const data = b.kind === 'uniform' && b.fields ? packUniform(info.layout, b.fields) : generateBinding(b);
    const bytes = new Uint8Array(Math.max(bindingBytes(b), data.length, 4));
    bytes.set(data);
    m.set(info.slot, bytes);
  }
  return m;
}

/** The generated source as the executor builds it: a shared module (its flags, plus -shared). */
function buildModule(dir: string, tag: string, code: string, extraFlags: string[] = []): string {
  const src = join(dir, `${tag}.cpp`);
  const so = join(dir, `${tag}.so`);
  writeFileSync(src, code);
  execFileSync(GXX, [...GXX_FLAGS, ...extraFlags, '-shared', '-fno-gnu-unique', '-o', so, src], {
    stdio: 'pipe',
  });
  return so;
}

/**
 * One process loads both modules (dlopen, as the executor does) with their own copies of the slots and
 * times one whole dispatch of each in turn, `pairs` times: both sides of a pair see the same moment of a
 * shared machine. Which side runs first alternates pair by pair, and which side's buffers are allocated
 * first alternates round by round (an A/A run showed the second side ~5% slower otherwise).
 * Prints [[baseMs, headMs], …].
 */
const DRIVER = String.raw`
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#define DUET_MAX_SLOTS 64
struct DuetParams {
  unsigned char* slot[DUET_MAX_SLOTS];
  unsigned long long slotBytes[DUET_MAX_SLOTS];
  unsigned int numWorkgroups[3];
  unsigned int* control;
};
typedef int (*Kernel)(const DuetParams*, const unsigned*);
static double now() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}
/* argv: pairs gx gy gz symbol base.so head.so slot:bytes:file ... */
int main(int argc, char** argv) {
  int pairs = atoi(argv[1]);
  int flip = getenv("DUET_COST_FLIP") != 0;
  unsigned g[3] = {(unsigned)atoi(argv[2]), (unsigned)atoi(argv[3]), (unsigned)atoi(argv[4])};
  Kernel k[2];
  static DuetParams p[2];
  static unsigned control[2][2];
  for (int s = 0; s < 2; s++) {
    void* h = dlopen(argv[6 + s], RTLD_NOW | RTLD_LOCAL);
    if (!h) { fprintf(stderr, "%s\n", dlerror()); return 2; }
    k[s] = (Kernel)dlsym(h, argv[5]);
    if (!k[s]) { fprintf(stderr, "no %s\n", argv[5]); return 2; }
    p[s].control = control[s];
    memcpy(p[s].numWorkgroups, g, sizeof g);
  }
  for (int a = 8; a < argc; a++) {
    unsigned slot = 0;
    unsigned long long bytes = 0;
    char path[4096];
    if (sscanf(argv[a], "%u:%llu:%4095s", &slot, &bytes, path) != 3) return 2;
    for (int o = 0; o < 2; o++) {
      int s = flip ? 1 - o : o; /* odd rounds allocate head's copy first: placement favours neither */
      p[s].slot[slot] = (unsigned char*)aligned_alloc(64, (bytes + 63) & ~63ull);
      FILE* f = fopen(path, "rb");
      if (!f || fread(p[s].slot[slot], 1, bytes, f) != bytes) { fprintf(stderr, "cannot read %s\n", path); return 2; }
      fclose(f);
      p[s].slotBytes[slot] = bytes;
    }
  }
  printf("[");
  for (int i = -1; i < pairs; i++) {
    double ms[2];
    for (int o = 0; o < 2; o++) {
      int s = (i & 1) ? 1 - o : o; /* every other pair runs head first */
      double t0 = now();
      for (unsigned z = 0; z < g[2]; z++)
        for (unsigned y = 0; y < g[1]; y++)
          for (unsigned x = 0; x < g[0]; x++) {
            unsigned wg[3] = {x, y, z};
            if (k[s](&p[s], wg) != 0) { fprintf(stderr, "kernel status\n"); return 3; }
          }
      ms[s] = now() - t0;
    }
    if (i >= 0) printf("%s[%.4f,%.4f]", i ? "," : "", ms[0], ms[1]);
  }
  printf("]\n");
  return 0;
}
`;

export interface CudaRow {
  preset: string;
  base: CudaStats;
  head: CudaStats;
}

/** ptxas and PTX figures of every preset (or those in `only`), base and head. */
export function measureCuda(base: Translate, head: Translate, only: string[] = []): CudaRow[] {
  const rows: CudaRow[] = [];
  for (const p of PRESETS) {
    if (only.length && !only.includes(p.id)) continue;
    const w = resolveLibraryPreset(p.id);
    rows.push({
      preset: p.id,
      base: cudaStats(translateOk(base, w, 'cuda').code),
      head: cudaStats(translateOk(head, w, 'cuda').code),
    });
  }
  return rows;
}

export interface CpuRow {
  preset: string;
  params: Record<string, number>;
  /** Bytes moved (GB/s) or floating-point operations (GFLOP/s) per dispatch. */
  work: number;
  unit: 'GB/s' | 'GFLOP/s';
  base: Measurement;
  head: Measurement;
  /** Median over the pairs of base time ÷ head time: head's throughput relative to base's. */
  ratio: number;
  /** Fastest base sample ÷ fastest head sample (the least disturbed by other work). */
  ratioFastest: number;
}

export const CPU_CASES: Array<{
  preset: string;
  params: Record<string, number>;
  work: number;
  unit: CpuRow['unit'];
}> = [
  { preset: 'bandwidth-copy', params: { N: 16 * 1024 * 1024 }, work: 8 * 16 * 1024 * 1024, unit: 'GB/s' },
  { preset: 'saxpy', params: { N: 16776960 }, work: 12 * 16776960, unit: 'GB/s' },
  { preset: 'matmul-tiled', params: { M: 256, N: 256, K: 256 }, work: 2 * 256 * 256 * 256, unit: 'GFLOP/s' },
];

const medianOf = (xs: number[]): number => summarise(xs).median;

/** One-thread CPU-backend throughput, base and head alternating sample by sample. */
export function measureCpu(
  base: Translate,
  head: Translate,
  rounds = 4,
  samples = 10,
  only: string[] = [],
  extraFlags: string[] = [],
  headFlags: string[] = extraFlags,
): CpuRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'duet-cost-cpu-'));
  const rows: CpuRow[] = [];
  try {
    const driverSrc = join(dir, 'driver.cpp');
    const driver = join(dir, 'driver');
    writeFileSync(driverSrc, DRIVER);
    execFileSync(GXX, ['-std=c++17', '-O2', '-o', driver, driverSrc, '-ldl'], { stdio: 'pipe' });
    for (const c of CPU_CASES) {
      if (only.length && !only.includes(c.preset)) continue;
      const w = resolveLibraryPreset(c.preset, c.params);
      const dispatch = (w.dispatch ?? [1, 1, 1]) as number[];
      const b = translateOk(base, w, 'cpu');
      const h = translateOk(head, w, 'cpu');
      const symbol = (h.kernels.find((x) => x.entryPoint === w.entryPoint) ?? h.kernels[0]!).symbol;
      const slots = [...slotBytes(w, h.bindings)].map(([slot, bytes]) => {
        const f = join(dir, `${c.preset}-slot${slot}.bin`);
        writeFileSync(f, bytes);
        return `${slot}:${bytes.length}:${f}`;
      });
      const argv = [String(samples), ...dispatch.map(String), symbol];
      argv.push(
        buildModule(dir, `${c.preset}-base`, b.code, extraFlags),
        buildModule(dir, `${c.preset}-head`, h.code, headFlags),
        ...slots,
      );
      const pairs: Array<[number, number]> = [];
      for (let r = 0; r < rounds; r++) {
        const env = { ...process.env, ...(r % 2 ? { DUET_COST_FLIP: '1' } : {}) };
        pairs.push(
          ...(JSON.parse(execFileSync(driver, argv, { encoding: 'utf8', env })) as Array<[number, number]>),
        );
      }
      const bs = pairs.map((x) => x[0]);
      const hs = pairs.map((x) => x[1]);
      rows.push({
        preset: c.preset,
        params: c.params,
        work: c.work,
        unit: c.unit,
        base: summarise(bs),
        head: summarise(hs),
        ratio: medianOf(pairs.map(([x, y]) => x / y)),
        ratioFastest: Math.min(...bs) / Math.min(...hs),
      });
    }
  } finally {
    // DUET_PRELUDE_COST_KEEP=1 keeps the sources, modules, slot files and driver for a closer look.
    if (process.env.DUET_PRELUDE_COST_KEEP) process.stderr.write(`prelude-cost: kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export interface PreludeCostResult {
  /** Where and when: the CPU figures hold for this machine only. */
  machine: string;
  date: string;
  /** The base revision as asked for, and its commit. */
  base: { ref: string; commit: string };
  head: string;
  nvcc: string | null;
  cuda: CudaRow[];
  cpu: CpuRow[];
  /** The CPU measurement of base against itself: the spread of the method on this machine. */
  cpuAA: CpuRow[];
  /** Before and after again, assembled with JCC_FLAGS (code placement taken out of the comparison). */
  cpuJcc: CpuRow[];
}

/**
 * Intel's jump-conditional-code erratum (Skylake-derived cores): a branch that crosses or ends on a 32-byte
 * boundary is slow, so two builds of the same loop can differ by 10% with their code placement alone.
 * GNU as pads such branches with this option.
 */
export const JCC_FLAGS = ['-Wa,-mbranches-within-32B-boundaries'];

export async function benchPreludeCost(
  ref = process.env.DUET_PRELUDE_COST_BASE || 'HEAD',
): Promise<PreludeCostResult> {
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: root, encoding: 'utf8' }).trim();
  const base = await translatorAt(ref);
  const head = await currentTranslator();
  const haveNvcc = existsSync(NVCC);
  const nvcc = haveNvcc
    ? (execFileSync(NVCC, ['--version'], { encoding: 'utf8' }).trim().split('\n').pop() ?? null)
    : null;
  const m = machineInfo();
  return {
    machine: `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB (host ${m.host})`,
    date: new Date().toISOString(),
    base: { ref, commit },
    head: 'working tree',
    nvcc,
    cuda: haveNvcc ? measureCuda(base, head) : [],
    // As the executor builds modules: before without, after with the JCC padding it now adds on x86-64.
    cpu: measureCpu(base, head, 6, 10, [], [], process.arch === 'x64' ? JCC_FLAGS : []),
    cpuAA: measureCpu(base, base, 6),
    cpuJcc: measureCpu(base, head, 6, 10, [], JCC_FLAGS),
  };
}
