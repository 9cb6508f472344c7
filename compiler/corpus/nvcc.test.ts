/**
 * CUDA compile check of the whole corpus: every kernel the translator accepts is translated for the
 * cuda target and compiled as is (prelude included) with `nvcc -cubin` for sm_90 (Hopper) and sm_80
 * (Ampere). These machines have nvcc but no GPU, so this is what proves the CUDA text is valid without
 * one. Two compiles run at a time (2-core machines); each test awaits its own kernel's results.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranslateFn } from '../../daemon/translation';
import * as compiler from '../index';
import {
  type CorpusKernel,
  firstErrors,
  knownFailures,
  knownUnsupported,
  loadCorpus,
  mapLimit,
} from './corpus';

const NVCC = process.env.NVCC ?? '/usr/local/cuda/bin/nvcc';
const ARCHS = ['sm_90', 'sm_80'] as const;
const haveNvcc = existsSync(NVCC);
const unsupported = new Set(knownUnsupported().map((e) => e.kernel));
const kernels = loadCorpus().filter((k) => !unsupported.has(k.id));
/** Kernels whose CUDA output is recorded as not compiling (known-failures.json, kind "compile"). */
const compileBugs = new Map(
  knownFailures().flatMap((f) => (f.kind === 'compile' ? [[f.kernel, f] as const] : [])),
);

interface CompileOutcome {
  ok: boolean;
  log: string;
}

function translate(k: CorpusKernel): string {
  const fn = (compiler as Record<string, unknown>).translate;
  if (typeof fn !== 'function') throw new Error('compiler/index.ts does not export translate() yet');
  const r = (fn as TranslateFn)(k.workload.wgsl, {
    file: basename(k.wgslPath),
    target: 'cuda',
    ...(k.workload.overrides ? { overrides: k.workload.overrides } : {}),
  });
  if (!r.ok) {
    const lines = r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`);
    throw new Error(`${k.id}: translation for cuda failed:\n${lines.join('\n')}`);
  }
  return r.code;
}

function nvcc(source: string, arch: string, out: string): Promise<CompileOutcome> {
  return new Promise((resolve) => {
    execFile(
      NVCC,
      ['-cubin', `-arch=${arch}`, '-o', out, source],
      { timeout: 300_000 },
      (err, stdout, stderr) => {
        resolve({ ok: !err, log: `${stdout}${stderr}`.trim() || (err?.message ?? '') });
      },
    );
  });
}

let work: string | undefined;
const compiles = new Map<string, Promise<CompileOutcome>>();

beforeAll(() => {
  if (!haveNvcc) return;
  work = mkdtempSync(join(tmpdir(), 'duet-nvcc-'));
  const jobs = kernels.flatMap((k) => ARCHS.map((arch) => ({ k, arch })));
  const settle: Array<(o: CompileOutcome) => void> = [];
  for (const j of jobs) compiles.set(`${j.k.id}/${j.arch}`, new Promise((r) => settle.push(r)));
  void mapLimit(
    jobs.map((j, i) => ({ ...j, i })),
    2,
    async ({ k, arch, i }) => {
      let outcome: CompileOutcome;
      try {
        const file = join(work!, `${k.id}.cu`);
        if (!existsSync(file)) writeFileSync(file, translate(k));
        outcome = await nvcc(file, arch, join(work!, `${k.id}.${arch}.cubin`));
      } catch (e) {
        outcome = { ok: false, log: (e as Error).message };
      }
      settle[i]!(outcome);
    },
  );
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('nvcc compile check', () => {
  if (!haveNvcc) {
    it.skip(`SKIPPED: no nvcc at ${NVCC} (set NVCC=/path/to/nvcc)`, () => {});
    console.warn(
      `nvcc.test.ts: SKIPPED — no nvcc at ${NVCC}; the CUDA output of the corpus was not compile-checked`,
    );
    return;
  }
  describe.each(kernels.map((k) => [k.id] as const))('%s', (id) => {
    it.each(ARCHS)('compiles with nvcc -cubin -arch=%s', { timeout: 900_000 }, async (arch) => {
      const r = await compiles.get(`${id}/${arch}`)!;
      const bug = compileBugs.get(id);
      if (bug) {
        expect(
          r.ok ? '(compiled)' : r.log,
          `${id}: known-failures.json says nvcc fails with "${bug.nvcc}"; if it compiles now, remove the entry`,
        ).toContain(bug.nvcc);
        return;
      }
      expect(r.ok, `${id}: nvcc -cubin -arch=${arch} failed:\n${firstErrors(r.log, 8)}`).toBe(true);
    });
  });
});
