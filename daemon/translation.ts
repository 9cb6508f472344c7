/**
 * The daemon's use of the translator (contracts §2): WGSL in, generated source out, cached by a
 * hash of everything that decides the output, so a class of students re-running the same kernel
 * translates it once. The translator is injected, which keeps the daemon testable on its own.
 *
 * Two levels: a Map in memory (LRU, 64 entries; a hit touches no file) and, when the daemon gives
 * one, a TranslationStore on disk (translation-store.ts) that outlives restarts. The key then also
 * covers the translator's identity (translator-identity.ts) and the record format, so a changed
 * translator never serves code the old one generated. Failed translations are never stored.
 *
 * A disk hit reads the record's head alone (`code: null`): the run goes to the executor by
 * sourceHash alone, and its module comes from the executor's own disk cache. `loadCode()` gives
 * the code when the executor has lost that module (`need-source`): read from the record once its
 * sha256 checks out, else translated again.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../core/diagnostics';
import type { TranslatedBinding, TranslatedKernel } from '../core/run-plan';
import {
  type StoredRecord,
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
  /** The generated code; null after a disk hit, until loadCode() is called. */
  code: string | null;
  /** The code, read from the disk record (checked) or translated again; null if neither can give it. */
  loadCode(): string | null;
  /** sha256 of the code: the executor's compile cache key. */
  sourceHash: string;
  kernels: TranslatedKernel[];
  bindings: TranslatedBinding[];
  ms: number;
  cacheHit: boolean;
}

/** A cached entry: a translation, or a disk record whose code is still unchecked bytes. */
interface Entry extends Omit<StoredTranslation, 'code'> {
  code: string | null;
  record?: StoredRecord;
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
  private readonly entries = new Map<string, Entry>();
  /** Where runs were served from (tests, diagnostics). */
  readonly stats = { memoryHits: 0, diskHits: 0, misses: 0 };

  constructor(
    private readonly translate: TranslateFn,
    /** Second level, kept across restarts; without one the cache lives in memory only. */
    private readonly store?: TranslationStore,
  ) {}

  /** Resolves once the disk level's background writes are done (a daemon's clean close). */
  flush(): Promise<void> {
    return this.store?.flush() ?? Promise.resolve();
  }

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
    const key = () => (this.store ? sha256(text) : '');
    const done = (e: Entry, cacheHit: boolean): TranslationResult => {
      const { record: _, ...shown } = e;
      return {
        ok: true,
        translation: {
          ...shown,
          loadCode: () => this.loadCode(e, key(), source, opts),
          ms: performance.now() - t0,
          cacheHit,
        },
      };
    };
    const hit = this.entries.get(text);
    if (hit) {
      // Re-insert: Map iteration order makes the oldest entry the first to evict.
      this.entries.delete(text);
      this.entries.set(text, hit);
      this.stats.memoryHits++;
      return done(hit, true);
    }
    const record = this.store?.get(key());
    if (record) {
      const { codeOffset: _o, codeBytes: _b, ...head } = record;
      const entry: Entry = { ...head, code: null, record };
      this.remember(text, entry);
      this.stats.diskHits++;
      return done(entry, true);
    }
    this.stats.misses++;
    const out = this.translate(source, opts);
    if (!out.ok) return { ok: false, diagnostics: out.diagnostics };
    const entry: Entry = {
      code: out.code,
      sourceHash: sha256(out.code),
      kernels: out.kernels,
      bindings: out.bindings,
    };
    this.remember(text, entry);
    this.store?.put(key(), { ...entry, code: out.code });
    return done(entry, false);
  }

  /**
   * The entry's code: as translated, or from its disk record once the bytes match their sha256, or
   * translated again (a record found corrupt); null when a new translation gives other code (a
   * translator that is not deterministic: the executor must not get code under another's hash).
   */
  private loadCode(
    e: Entry,
    key: string,
    source: string,
    opts: Parameters<TranslationCache['run']>[1],
  ): string | null {
    if (e.code !== null) return e.code;
    const stored = e.record && this.store ? this.store.verifiedCode(key, e.record) : null;
    e.record = undefined;
    if (stored !== null) {
      e.code = stored;
      return stored;
    }
    const out = this.translate(source, opts);
    if (!out.ok || sha256(out.code) !== e.sourceHash) return null;
    e.code = out.code;
    this.store?.put(key, { ...e, code: out.code });
    return out.code;
  }

  private remember(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    if (this.entries.size > CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
