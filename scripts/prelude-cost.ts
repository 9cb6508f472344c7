/**
 * What a change to the translator or the preludes costs, measured against a git revision (default HEAD):
 *
 *   npx tsx scripts/prelude-cost.ts cuda [--base REF]            ptxas registers/spills (nvcc -cubin
 *       -arch=sm_90 -Xptxas -v) and PTX instruction lines (nvcc -ptx) of every preset in shaders/
 *   npx tsx scripts/prelude-cost.ts cpu [--base REF] [--rounds 3] CPU-backend throughput of
 *       bandwidth-copy, saxpy and matmul-tiled: each kernel built with the executor's g++ flags and run
 *       on one thread over the whole dispatch, base and working tree alternating round by round
 *
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
  const head = await currentTranslator();
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

/** Generated source + a driver: loads each slot from a file, runs the whole dispatch `samples` times. */
function buildCpu(
  dir: string,
  tag: string,
  code: string,
  kernel: KernelInfo,
  slots: Map<number, Uint8Array>,
  dispatch: number[],
): string {
  const loads: string[] = [];
  for (const [slot, bytes] of slots) {
    const f = join(dir, `${tag}-slot${slot}.bin`);
    writeFileSync(f, bytes);
    loads.push(`  load(p, ${slot}, "${f}", ${bytes.length}ull);`);
  }
  const driver = `
#include <stdio.h>
#include <time.h>
static void load(DuetParams& p, int slot, const char* path, unsigned long long n) {
  p.slot[slot] = (unsigned char*)aligned_alloc(64, (n + 63) & ~63ull);
  FILE* f = fopen(path, "rb");
  if (!f || fread(p.slot[slot], 1, n, f) != n) { fprintf(stderr, "cannot read %s\\n", path); exit(2); }
  fclose(f);
  p.slotBytes[slot] = n;
}
int main(int argc, char** argv) {
  int samples = argc > 1 ? atoi(argv[1]) : 5;
  static DuetParams p = {};
  static unsigned control[2] = {0u, 0u};
  p.control = control;
  p.numWorkgroups[0] = ${dispatch[0]}u; p.numWorkgroups[1] = ${dispatch[1]}u; p.numWorkgroups[2] = ${dispatch[2]}u;
${loads.join('\n')}
  printf("[");
  for (int s = -1; s < samples; s++) {
    timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (unsigned z = 0; z < ${dispatch[2]}u; z++)
      for (unsigned y = 0; y < ${dispatch[1]}u; y++)
        for (unsigned x = 0; x < ${dispatch[0]}u; x++) {
          unsigned wg[3] = {x, y, z};
          if (${kernel.symbol}(&p, wg) != 0) { fprintf(stderr, "status\\n"); return 3; }
        }
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (s >= 0) printf("%s%.4f", s ? "," : "", (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6);
  }
  printf("]\\n");
  return 0;
}
`;
  const src = join(dir, `${tag}.cpp`);
  const exe = join(dir, tag);
  writeFileSync(src, code + driver);
  execFileSync(GXX, [...GXX_FLAGS, '-o', exe, src], { stdio: 'pipe' });
  return exe;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function cpu(): Promise<unknown> {
  const rounds = Number(opt('--rounds', '3'));
  const samples = Number(opt('--samples', '5'));
  const cases: Array<{ id: string; params: Record<string, number>; bytes: (w: Workload) => number }> = [
    { id: 'bandwidth-copy', params: { N: 16 * 1024 * 1024 }, bytes: () => 8 * 16 * 1024 * 1024 },
    { id: 'saxpy', params: { N: 16776960 }, bytes: () => 12 * 16776960 },
    { id: 'matmul-tiled', params: { M: 256, N: 256, K: 256 }, bytes: () => 2 * 256 * 256 * 256 },
  ];
  const base = await translatorAt(baseRef);
  const head = await currentTranslator();
  const dir = mkdtempSync(join(tmpdir(), 'duet-cost-cpu-'));
  const out: Record<string, { baseMs: number[]; headMs: number[]; ratio: number }> = {};
  try {
    const exes = cases.map((c) => {
      const w = resolveLibraryPreset(c.id, c.params);
      const dispatch = (w.dispatch ?? [1, 1, 1]) as number[];
      const mk = (t: Translate, tag: string) => {
        const r = translateOk(t, w, 'cpu');
        const k = r.kernels.find((x) => x.entryPoint === w.entryPoint) ?? r.kernels[0]!;
        return buildCpu(dir, `${c.id}-${tag}`, r.code, k, slotBytes(w, r.bindings), dispatch);
      };
      return { c, base: mk(base, 'base'), head: mk(head, 'head') };
    });
    for (const e of exes) out[e.c.id] = { baseMs: [], headMs: [], ratio: 0 };
    for (let r = 0; r < rounds; r++) {
      for (const e of exes) {
        // Alternate which side runs first, so a warming or cooling machine favours neither.
        const order = r % 2 ? (['head', 'base'] as const) : (['base', 'head'] as const);
        for (const side of order) {
          const ms = JSON.parse(execFileSync(e[side], [String(samples)], { encoding: 'utf8' })) as number[];
          out[e.c.id]![side === 'base' ? 'baseMs' : 'headMs'].push(...ms);
        }
      }
      process.stderr.write(`round ${r + 1}/${rounds}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows = [
    '| preset (one thread) | before: median ms (GB/s or GFLOP/s) | after: median ms | after ÷ before throughput |',
    '|---|---|---|---|',
  ];
  for (const c of cases) {
    const o = out[c.id]!;
    const b = median(o.baseMs);
    const h = median(o.headMs);
    o.ratio = b / h;
    const unit = c.id === 'matmul-tiled' ? 'GFLOP/s' : 'GB/s';
    const w = resolveLibraryPreset(c.id, c.params);
    const rate = (ms: number) => (c.bytes(w) / (ms * 1e6)).toFixed(2);
    rows.push(
      `| ${c.id} | ${b.toFixed(2)} (${rate(b)} ${unit}) | ${h.toFixed(2)} (${rate(h)} ${unit}) | ${o.ratio.toFixed(3)} |`,
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
