/**
 * The daemon's use of the translator (contracts §2): WGSL in, generated source out, cached by a
 * hash of everything that decides the output, so a class of students re-running the same kernel
 * translates it once. The translator is injected, which keeps the daemon testable on its own.
 *
 * Two levels: a Map in memory (LRU, 64 entries; a hit touches no file) and, when the daemon gives
 * one, a TranslationStore on disk (translation-store.ts) that outlives restarts. The key then also
 * covers the translator's identity (translator-identity.ts) and the record format, so a changed
 * translator never serves code the old one generated. Failed translations are never stored.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../core/diagnostics';
import type { TranslatedBinding, TranslatedKernel } from '../core/run-plan';
import {
  type StoredTranslation,
  TRANSLATION_RECORD_FORMAT,
  type TranslationStore,
} from './translation-store';

export type TranslateTarget = 'cuda' | 'cpu';

export type TranslateOutput =
  | { ok: true; code: string; kernels: TranslatedKernel[]; bindings: TranslatedBinding[] }
  | { ok: false; diagnostics: Diagnostic[] };

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
  | { ok: false; diagnostics: Diagnostic[] };

const CACHE_ENTRIES = 64;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface TranslateKeyOptions {
  target: TranslateTarget;
  entryPoints: string[];
  overrides?: Record<string, number>;
}

/**
 * Everything that decides the output, as one string: translator identity ('' for a memory-only
 * cache), record format, target, entry points, overrides (in name order: the same values in
 * another order are the same translation) and the source. Not the file name: the generated code
 * quotes it in its first comment only, and leaving it out lets students who name the same kernel
 * differently share one translation and one compiled module.
 */
function keyText(translatorId: string, source: string, opts: TranslateKeyOptions): string {
  const overrides = Object.entries(opts.overrides ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    translatorId,
    TRANSLATION_RECORD_FORMAT,
    opts.target,
    opts.entryPoints,
    overrides,
    source,
  ]);
}

/** The disk store's key: sha256 of keyText (a file name, whatever the source's size). */
export function translationKey(translatorId: string, source: string, opts: TranslateKeyOptions): string {
  return sha256(keyText(translatorId, source, opts));
}

export class TranslationCache {
  private readonly entries = new Map<string, StoredTranslation>();
  /** Where runs were served from (tests, diagnostics). */
  readonly stats = { memoryHits: 0, diskHits: 0, misses: 0 };

  constructor(
    private readonly translate: TranslateFn,
    /** Second level, kept across restarts; without one the cache lives in memory only. */
    private readonly store?: TranslationStore,
  ) {}

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
    // In memory the key text itself is the key: a Map lookup hashes it natively, where sha256
    // would cost more than the rest of a warm run's admission (the text is bounded by maxWgslBytes).
    const text = keyText(this.store?.translatorId ?? '', source, opts);
    const hit = this.entries.get(text);
    if (hit) {
      // Re-insert: Map iteration order makes the oldest entry the first to evict.
      this.entries.delete(text);
      this.entries.set(text, hit);
      this.stats.memoryHits++;
      return { ok: true, translation: { ...hit, ms: performance.now() - t0, cacheHit: true } };
    }
    const key = this.store ? sha256(text) : '';
    const stored = this.store?.get(key);
    if (stored) {
      this.remember(text, stored);
      this.stats.diskHits++;
      return { ok: true, translation: { ...stored, ms: performance.now() - t0, cacheHit: true } };
    }
    this.stats.misses++;
    const out = this.translate(source, opts);
    if (!out.ok) return { ok: false, diagnostics: out.diagnostics };
    const entry: StoredTranslation = {
      code: out.code,
      sourceHash: sha256(out.code),
      kernels: out.kernels,
      bindings: out.bindings,
    };
    this.remember(text, entry);
    this.store?.put(key, entry);
    return { ok: true, translation: { ...entry, ms: performance.now() - t0, cacheHit: false } };
  }

  private remember(key: string, entry: StoredTranslation): void {
    this.entries.set(key, entry);
    if (this.entries.size > CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
