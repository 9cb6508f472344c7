/**
 * The differential corpus: WGSL kernels with their workloads (`<NNN>-<name>.wgsl` + `.json`, and
 * out-of-bounds kernels under `safety/`), plus the lists that record what does not agree yet. Shared by
 * corpus.test.ts (browser vs CPU backend) and nvcc.test.ts (CUDA compile check).
 *
 * The lists keep each other honest: the tests assert the exact recorded diagnostic or mismatch, so an
 * entry that stops being true fails the suite and must be removed; the lists can only shrink.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Workload } from '../../core/workload';
import { loadWorkloadFile } from '../../core/workload-file';

export const CORPUS_DIR = fileURLToPath(new URL('.', import.meta.url));
export const SAFETY_DIR = join(CORPUS_DIR, 'safety');

/** Files in the corpus folder that are lists, not workloads. */
const LIST_FILES = new Set(['known-unsupported.json', 'known-failures.json', 'browser-divergent.json']);

export interface CorpusKernel {
  /** `NNN-name` (`sNN-name` for safety kernels): the file name without extension. */
  id: string;
  jsonPath: string;
  wgslPath: string;
  safety: boolean;
  workload: Workload;
  /** Uses `enable f16;`: runs in the browser only where the adapter has shader-f16. */
  f16: boolean;
}

/** A kernel the translator rejects today, with the exact `file:line:col: error: message` it prints. */
export interface KnownUnsupported {
  kernel: string;
  diagnostic: string;
}

/**
 * A translator or executor bug, recorded exactly so the entry fails the suite once it is fixed:
 * - `mismatch`: the first mismatch the comparison reports (binding, index, both values);
 * - `compile`: the translation succeeds but the generated source does not build — `gxx` is a piece of
 *   g++'s first error (the CPU run must fail with it), `nvcc` a piece of nvcc's first error.
 */
export type KnownFailure =
  | {
      kernel: string;
      kind: 'mismatch';
      binding: string;
      index: number;
      /** Browser (WebGPU) value at `index`. */
      webgpu: number;
      /** CPU backend value at `index`. */
      cpu: number;
      cause: string;
    }
  | { kernel: string; kind: 'compile'; gxx: string; nvcc: string; cause: string };

/** The first `error` lines of a compiler log, for failure messages. */
export function firstErrors(log: string | undefined, n = 3): string {
  if (!log) return '(no compiler log)';
  const lines = log.split('\n').filter((l) => /\berror\b/.test(l));
  return (lines.length ? lines : log.split('\n')).slice(0, n).join('\n');
}

/**
 * A binding whose browser value is not the WGSL answer (a Chromium/SwiftShader deviation, or a value
 * WGSL leaves to the implementation while Duet's translator promises one). The CPU side must produce
 * `expected`; the browser's value is only reported.
 */
export interface BrowserDivergent {
  kernel: string;
  binding: string;
  reason: string;
  expected: number[];
}

function readList<T>(name: string): T[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, name), 'utf8')) as T[];
}

export const knownUnsupported = (): KnownUnsupported[] =>
  readList<KnownUnsupported>('known-unsupported.json');
export const knownFailures = (): KnownFailure[] => readList<KnownFailure>('known-failures.json');
export const browserDivergent = (): BrowserDivergent[] =>
  readList<BrowserDivergent>('browser-divergent.json');

function loadDir(dir: string, safety: boolean): CorpusKernel[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !LIST_FILES.has(f))
    .sort()
    .map((f) => {
      const jsonPath = join(dir, f);
      const loaded = loadWorkloadFile(jsonPath);
      if (!loaded.ok) {
        const why = loaded.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
        throw new Error(`corpus workload ${jsonPath} is invalid: ${why}`);
      }
      const { workload } = loaded;
      return {
        id: basename(f, '.json'),
        jsonPath,
        wgslPath: loaded.wgslPath ?? jsonPath,
        safety,
        workload,
        f16: /^\s*enable\s+f16\s*;/m.test(workload.wgsl),
      };
    });
}

/** Every kernel: the correctness corpus first, then the safety kernels. */
export function loadCorpus(): CorpusKernel[] {
  return [...loadDir(CORPUS_DIR, false), ...loadDir(SAFETY_DIR, true)];
}

/** Runs `fn` over `items` with at most `limit` in flight (the machines have 2 cores). */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
