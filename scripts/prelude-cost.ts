/**
 * What a change to the translator or the preludes costs, measured against a git revision (default HEAD):
 *
 *   npx tsx scripts/prelude-cost.ts cuda [--base REF]            ptxas registers/spills (nvcc -cubin
 *       -arch=sm_90 -Xptxas -v) and PTX instruction lines (nvcc -ptx) of every preset in shaders/
 *   npx tsx scripts/prelude-cost.ts cpu [--base REF] [--rounds 3] [--samples 10]  CPU-backend
 *       throughput of bandwidth-copy, saxpy and matmul-tiled: both builds (the executor's g++ flags,
 *       dlopen'ed) in one process on one thread, whole dispatches timed base/head alternately
 *
 * `--head REF2` measures REF2 instead of the working tree (`--head REF` is an A/A check of the method).
 * The base side is the translator of REF (compiler/ and core/ taken with `git archive` into
 * node_modules/.cache), so a change to emission and to the preludes is measured together. Prints
 * Markdown tables (for docs/performance.md) and writes the raw figures as JSON next to them
 * (--json FILE).
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

type Translate = (
  src: string,
  o: { target: 'cuda' | 'cpu'; overrides?: Record<string, number> },
) =>
  | { ok: true; code: string; kernels: KernelInfo[]; bindings: BindingInfo[] }
  | { ok: false; diagnostics: unknown };

const root = join(import.meta.dirname, '..');
const NVCC = process.env.NVCC ?? '/usr/local/cuda/bin/nvcc';
const GXX = process.env.CXX ?? 'g++';
/* The executor's flags (daemon/executor/src/cpu_backend.cpp CpuCompiler::flags), as an executable. */
const GXX_FLAGS = ['-std=c++17', '-O2', '-fPIC', '-pthread', '-fno-fast-math', '-ffp-contract=off', '-w'];

const args = process.argv.slice(2);
const mode = args[0];
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const baseRef = opt('--base', 'HEAD');

async function translatorAt(ref: string): Promise<Translate> {
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

async function currentTranslator(): Promise<Translate> {
  return ((await import('../compiler/translate')) as unknown as { translate: Translate }).translate;
}

function translateOk(t: Translate, w: Workload, target: 'cuda' | 'cpu') {
  const r = t(w.wgsl, { target, ...(w.overrides ? { overrides: w.overrides } : {}) });
  if (!r.ok) throw new Error(`${w.name}: translation failed: ${JSON.stringify(r.diagnostics).slice(0, 400)}`);
  return r;
}

// ---------------------------------------------------------------------------------------------- CUDA

interface CudaStats {
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

async function cuda(): Promise<unknown> {
  const base = await translatorAt(baseRef);
  const head = opt('--head', '') ? await translatorAt(opt('--head', '')) : await currentTranslator();
  const rows: string[] = [
    '| preset | registers | spill st/ld bytes | stack bytes | PTX instructions |',
    '|---|---|---|---|---|',
  ];
  const out: Record<string, { base: CudaStats; head: CudaStats }> = {};
  const only = opt('--only', '');
  for (const p of PRESETS) {
    if (only && !only.split(',').includes(p.id)) continue;
    const w = resolveLibraryPreset(p.id);
    const b = cudaStats(translateOk(base, w, 'cuda').code);
    const h = cudaStats(translateOk(head, w, 'cuda').code);
    out[p.id] = { base: b, head: h };
    const d = (x: number, y: number) => (x === y ? `${x}` : `${x} → ${y}`);
    const pct = b.ptxLines ? ` (${(((h.ptxLines - b.ptxLines) / b.ptxLines) * 100).toFixed(1)}%)` : '';
    rows.push(
      `| ${p.id} | ${d(b.registers, h.registers)} | ${d(b.spillStores, h.spillStores)} / ${d(b.spillLoads, h.spillLoads)} | ${d(b.stack, h.stack)} | ${d(b.ptxLines, h.ptxLines)}${pct} |`,
    );
    process.stderr.write(`${p.id}\n`);
  }
  console.log(rows.join('\n'));
  return out;
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
function buildModule(dir: string, tag: string, code: string): string {
  const src = join(dir, `${tag}.cpp`);
  const so = join(dir, `${tag}.so`);
  writeFileSync(src, code);
  execFileSync(GXX, [...GXX_FLAGS, '-shared', '-fno-gnu-unique', '-o', so, src], { stdio: 'pipe' });
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

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function cpu(): Promise<unknown> {
  const rounds = Number(opt('--rounds', '3'));
  const samples = Number(opt('--samples', '10'));
  const cases: Array<{ id: string; params: Record<string, number>; bytes: (w: Workload) => number }> = [
    { id: 'bandwidth-copy', params: { N: 16 * 1024 * 1024 }, bytes: () => 8 * 16 * 1024 * 1024 },
    { id: 'saxpy', params: { N: 16776960 }, bytes: () => 12 * 16776960 },
    { id: 'matmul-tiled', params: { M: 256, N: 256, K: 256 }, bytes: () => 2 * 256 * 256 * 256 },
  ];
  const only = opt('--only', '');
  if (only) cases.splice(0, cases.length, ...cases.filter((c) => only.split(',').includes(c.id)));
  const base = await translatorAt(baseRef);
  const head = opt('--head', '') ? await translatorAt(opt('--head', '')) : await currentTranslator();
  const dir = mkdtempSync(join(tmpdir(), 'duet-cost-cpu-'));
  const out: Record<string, { pairs: Array<[number, number]>; ratio: number; ratioFastest: number }> = {};
  try {
    const driverSrc = join(dir, 'driver.cpp');
    const driver = join(dir, 'driver');
    writeFileSync(driverSrc, DRIVER);
    execFileSync(GXX, ['-std=c++17', '-O2', '-o', driver, driverSrc, '-ldl'], { stdio: 'pipe' });
    for (const c of cases) {
      const w = resolveLibraryPreset(c.id, c.params);
      const dispatch = (w.dispatch ?? [1, 1, 1]) as number[];
      const b = translateOk(base, w, 'cpu');
      const h = translateOk(head, w, 'cpu');
      const symbol = (h.kernels.find((x) => x.entryPoint === w.entryPoint) ?? h.kernels[0]!).symbol;
      const slots = [...slotBytes(w, h.bindings)].map(([slot, bytes]) => {
        const f = join(dir, `${c.id}-slot${slot}.bin`);
        writeFileSync(f, bytes);
        return `${slot}:${bytes.length}:${f}`;
      });
      const argv = [String(samples), ...dispatch.map(String), symbol];
      argv.push(buildModule(dir, `${c.id}-base`, b.code), buildModule(dir, `${c.id}-head`, h.code), ...slots);
      out[c.id] = { pairs: [], ratio: 0, ratioFastest: 0 };
      for (let r = 0; r < rounds; r++) {
        const env = { ...process.env, ...(r % 2 ? { DUET_COST_FLIP: '1' } : {}) };
        const pairs = JSON.parse(execFileSync(driver, argv, { encoding: 'utf8', env })) as Array<
          [number, number]
        >;
        out[c.id]!.pairs.push(...pairs);
      }
      process.stderr.write(`${c.id}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows = [
    '| preset (one thread) | before: median ms (GB/s or GFLOP/s) | after: median ms | after ÷ before throughput: median of pairs | same, fastest samples |',
    '|---|---|---|---|---|',
  ];
  for (const c of cases) {
    const o = out[c.id]!;
    const b = median(o.pairs.map((x) => x[0]));
    const h = median(o.pairs.map((x) => x[1]));
    o.ratio = median(o.pairs.map(([x, y]) => x / y));
    // The fastest sample of each side: the one least disturbed by other work on a shared machine.
    o.ratioFastest = Math.min(...o.pairs.map((x) => x[0])) / Math.min(...o.pairs.map((x) => x[1]));
    const unit = c.id === 'matmul-tiled' ? 'GFLOP/s' : 'GB/s';
    const w = resolveLibraryPreset(c.id, c.params);
    const rate = (ms: number) => (c.bytes(w) / (ms * 1e6)).toFixed(2);
    rows.push(
      `| ${c.id} | ${b.toFixed(2)} (${rate(b)} ${unit}) | ${h.toFixed(2)} (${rate(h)} ${unit}) | ${o.ratio.toFixed(3)} | ${o.ratioFastest.toFixed(3)} |`,
    );
  }
  console.log(rows.join('\n'));
  return out;
}

const result = mode === 'cuda' ? await cuda() : mode === 'cpu' ? await cpu() : null;
if (result === null) {
  console.error(
    'usage: npx tsx scripts/prelude-cost.ts cuda|cpu [--base REF] [--rounds N] [--samples N] [--only id,id] [--json FILE]',
  );
  process.exit(2);
}
const json = opt('--json', '');
if (json)
  writeFileSync(
    json,
    `${JSON.stringify({ base: baseRef, date: new Date().toISOString(), result }, null, 2)}\n`,
  );
