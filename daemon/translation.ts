/**
 * The daemon's use of the translator (contracts §2): WGSL in, generated source out, cached by a
 * hash of everything that decides the output, so a class of students re-running the same kernel
 * translates it once. The translator is injected, which keeps the daemon testable on its own.
 */
import { createHash } from 'node:crypto';
import type { TypeLayout } from '../compiler/layout';

export type TranslateTarget = 'cuda' | 'cpu';

export interface TranslatorDiagnostic {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface TranslatedKernel {
  entryPoint: string;
  symbol: string;
  workgroupSize: [number, number, number];
}

export interface TranslatedBinding {
  slot: number;
  group: number;
  binding: number;
  name: string;
  kind: 'uniform' | 'storage-read' | 'storage';
  type: string;
  layout: TypeLayout;
  minBytes: number;
  runtimeStride?: number;
}

export type TranslateOutput =
  | { ok: true; code: string; kernels: TranslatedKernel[]; bindings: TranslatedBinding[] }
  | { ok: false; diagnostics: TranslatorDiagnostic[] };

export type TranslateFn = (
  source: string,
  opts: {
    file?: string;
    target: TranslateTarget;
    entryPoints?: string[];
    overrides?: Record<string, number>;
  },
) => TranslateOutput;

export interface Translation {
  code: string;
  /** sha256 of `code`: the executor's compile cache key. */
  sourceHash: string;
  kernels: TranslatedKernel[];
  bindings: TranslatedBinding[];
  ms: number;
  cacheHit: boolean;
}

export type TranslationResult =
  | { ok: true; translation: Translation }
  | { ok: false; diagnostics: TranslatorDiagnostic[] };

const CACHE_ENTRIES = 64;

export class TranslationCache {
  private readonly entries = new Map<string, Omit<Translation, 'ms' | 'cacheHit'>>();

  constructor(private readonly translate: TranslateFn) {}

  run(
    source: string,
    opts: {
      file: string;
      target: TranslateTarget;
      entryPoints: string[];
      overrides?: Record<string, number>;
    },
  ): TranslationResult {
    const t0 = performance.now();
    const key = createHash('sha256')
      .update(JSON.stringify([opts.target, opts.entryPoints, opts.overrides ?? {}, source]))
      .digest('hex');
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert: Map iteration order makes the oldest entry the first to evict.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { ok: true, translation: { ...hit, ms: performance.now() - t0, cacheHit: true } };
    }
    const out = this.translate(source, opts);
    if (!out.ok) return { ok: false, diagnostics: out.diagnostics };
    const entry = {
      code: out.code,
      sourceHash: createHash('sha256').update(out.code).digest('hex'),
      kernels: out.kernels,
      bindings: out.bindings,
    };
    this.entries.set(key, entry);
    if (this.entries.size > CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return { ok: true, translation: { ...entry, ms: performance.now() - t0, cacheHit: false } };
  }
}
