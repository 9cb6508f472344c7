/**
 * Test helpers (Node only): compile generated sources with nvcc / g++ and run CPU kernels through a tiny
 * C++ driver appended to the generated source. Used by the compiler's tests, never by the translator.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { onePerSlot } from '../../core/shared-slots';
import type { BindingInfo, KernelInfo } from '../index';

const run = promisify(execFile);

export const NVCC = process.env.NVCC ?? '/usr/local/cuda/bin/nvcc';
export const GXX = process.env.CXX ?? 'g++';

export const hasNvcc = (): boolean => existsSync(NVCC);

export async function hasGxx(): Promise<boolean> {
  try {
    await run(GXX, ['--version']);
    return true;
  } catch {
    return false;
  }
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'duet-compiler-'));
}

/** `nvcc -cubin -arch=<arch>`; resolves to the compiler's diagnostics ('' when clean). */
export async function nvccCompile(code: string, arch: string): Promise<string> {
  const dir = scratch();
  try {
    const src = join(dir, 'k.cu');
    writeFileSync(src, code);
    const r = await run(NVCC, ['-cubin', `-arch=${arch}`, '-o', join(dir, 'k.cubin'), src], {
      maxBuffer: 1 << 24,
    });
    return r.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface CpuRun {
  /** Words of the binding named `out` after the dispatch, and the status of each workgroup. */
  words: number[];
  status: number[];
}

/**
 * Build the generated CPU source with a driver `main`, run `dispatch` workgroups of kernel 0 in order,
 * return binding `out` as u32 words. Bindings get `sizes[name]` bytes (default: minBytes) and
 * `init[name]` u32 words; `alias[name] = other` makes binding `name` share `other`'s memory (what no
 * WebGPU host does: a way to make a value the uniformity analysis calls uniform differ at run time).
 */
export async function runOnCpu(
  code: string,
  kernel: KernelInfo,
  bindings: BindingInfo[],
  opts: {
    dispatch: number;
    sizes: Record<string, number>;
    init?: Record<string, number[]>;
    alias?: Record<string, string>;
  },
): Promise<CpuRun> {
  const dir = scratch();
  try {
    const decls: string[] = [];
    const aliases: string[] = [];
    // One buffer per slot: of variables sharing one, the binding `sizes` names (core/shared-slots.ts).
    const named = bindings.filter((b) => b.name in opts.sizes);
    for (const b of onePerSlot(bindings, named)) {
      const same = opts.alias?.[b.name] ? bindings.find((x) => x.name === opts.alias![b.name]) : undefined;
      if (same) {
        const bytes = opts.sizes[same.name] ?? same.minBytes;
        aliases.push(`  p.slot[${b.slot}] = p.slot[${same.slot}]; p.slotBytes[${b.slot}] = ${bytes}ull;`);
        continue;
      }
      const bytes = opts.sizes[b.name] ?? b.minBytes;
      const words = Math.ceil(bytes / 4);
      const init = opts.init?.[b.name] ?? [];
      decls.push(
        `  static unsigned b${b.slot}[${Math.max(words, 1)}] = {${init.map((w) => `${w >>> 0}u`).join(', ')}};`,
        `  p.slot[${b.slot}] = (unsigned char*)b${b.slot}; p.slotBytes[${b.slot}] = ${bytes}ull;`,
      );
    }
    const out = bindings.find((b) => b.name === 'out');
    const outWords = out ? Math.ceil((opts.sizes.out ?? out.minBytes) / 4) : 0;
    const driver = `
#include <stdio.h>
int main() {
  DuetParams p = {};
  static unsigned control[2] = {0u, 0u};
  p.control = control;
  p.numWorkgroups[0] = ${opts.dispatch}u; p.numWorkgroups[1] = 1u; p.numWorkgroups[2] = 1u;
${[...decls, ...aliases].join('\n')}
  for (unsigned w = 0; w < ${opts.dispatch}u; w++) {
    unsigned wg[3] = {w, 0u, 0u};
    printf("status %d\\n", ${kernel.symbol}(&p, wg));
  }
${out ? `  for (unsigned i = 0; i < ${outWords}u; i++) printf("word %u\\n", b${out.slot}[i]);` : ''}
  return 0;
}
`;
    const src = join(dir, 'k.cpp');
    const exe = join(dir, 'k');
    writeFileSync(src, code + driver);
    // DUET_CPU_CHECK_PROOFS: an index the translator proved in bounds is checked too (cpu_runtime.h, duet_in).
    const flags = ['-std=c++17', '-O1', '-fno-fast-math', '-ffp-contract=off', '-DDUET_CPU_CHECK_PROOFS'];
    await run(GXX, [...flags, '-o', exe, src], {
      maxBuffer: 1 << 24,
    });
    const r = await run(exe, [], { timeout: 20_000 });
    const words: number[] = [];
    const status: number[] = [];
    for (const line of r.stdout.split('\n')) {
      const [k, v] = line.split(' ');
      if (k === 'word') words.push(Number(v));
      if (k === 'status') status.push(Number(v));
    }
    return { words, status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function f32Words(values: number[]): number[] {
  const f = new Float32Array(values);
  return [...new Uint32Array(f.buffer)];
}
