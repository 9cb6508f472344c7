/**
 * The second level of the daemon's translation cache (translation.ts): successful translations kept
 * on disk, so a restarted daemon does not translate every kernel again. One file per entry,
 * `<cache dir>/translations/<key>.translation`, beside the executor's compiled modules
 * (`<cache dir>/cpu`, `<cache dir>/cuda`). The key already covers the translator's identity
 * (translator-identity.ts), so files of an older translator are never read; they age out under the
 * size bound.
 *
 * Record: one line of JSON (`format`, `key`, `translator`, `sourceHash`, `codeBytes`, `kernels`,
 * `bindings`), a newline, then the generated code as it is (UTF-8), so `tail -n +2` gives the exact
 * source. Not the code inside the JSON: JSON.parse of a whole-file string makes the code string
 * twice (the file, then the code), this layout once. That mattered most while the preludes held a
 * few non-ASCII characters: a CPU module (~70 K characters) was then a two-byte string over V8's
 * large-object threshold, ~0.7 ms to make (measured: 1.7 -> 0.9 ms per CPU record). The preludes are
 * ASCII now (scripts/gen-preludes.mjs enforces it), so only a kernel with non-ASCII identifiers or
 * a non-ASCII file name still pays that.
 *
 * - Reads (on a memory miss) are synchronous, the whole record in one read (~50–80 KB). What a
 *   run needs at once is the head (kernels, bindings, sourceHash): the daemon names the source to
 *   a fresh executor by its hash alone, and the executor loads the module it compiled before from
 *   its own disk cache. So a hit neither checks the code's sha256 nor makes a string of it: the
 *   code stays bytes until the executor asks for it (`need-source`, its module gone), and is
 *   checked then (`verifiedCode`). A file that is truncated, cannot be parsed or belongs to another
 *   key is a miss and is removed; code that turns out not to match its sha256 is removed then.
 * - Writes are fire-and-forget, serialised on one promise chain: temp file + rename, so a reader
 *   (this daemon or another on the same folder) sees a whole record or none.
 * - Bound: at most `maxFiles` records and `maxBytes` bytes. The folder is scanned once, before the
 *   first write, and again every RESCAN_EVERY writes (to count what other daemons sharing the folder
 *   wrote); in between the store keeps the count itself. Over a bound, the least recently used
 *   records (by mtime; a disk hit touches its file) go until 90% of the bound is left, so eviction
 *   (a sort of the index) runs once per ~10% of the bound, not per write.
 * - A folder that cannot be created, read or written is logged once; the daemon goes on with the
 *   memory level alone (each later miss still tries, so a folder that becomes writable is used).
 */
import { createHash } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TranslatedBinding, TranslatedKernel } from '../core/run-plan';
import { translatorIdentity } from './translator-identity';

/** Bumped when the record's shape changes; part of the key too, so two formats can share a folder. */
export const TRANSLATION_RECORD_FORMAT = 1;
export const DEFAULT_MAX_FILES = 1024;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const RESCAN_EVERY = 256;
/** A temp file this old is left over from a crash (a live write takes milliseconds). */
const STALE_TMP_MS = 10 * 60_000;
const RECORD_NAME = /^[0-9a-f]{64}\.translation$/;
const TMP_NAME = /^[0-9a-f]{64}\.translation\.tmp\./;

export interface StoredTranslation {
  code: string;
  /** sha256 of `code`: the executor's compile cache key. */
  sourceHash: string;
  kernels: TranslatedKernel[];
  bindings: TranslatedBinding[];
}

/** A record as read: its code as bytes, not yet checked against `sourceHash` (verifiedCode does). */
export interface StoredRecord extends Omit<StoredTranslation, 'code'> {
  codeBytes: Buffer;
}

export interface TranslationStoreOptions {
  dir: string;
  /** Goes into every key (translation.ts) and every record. */
  translatorId: string;
  maxFiles?: number;
  maxBytes?: number;
  log?: (line: string) => void;
}

interface IndexEntry {
  bytes: number;
  mtimeMs: number;
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function errorText(e: unknown): string {
  return (e as Error)?.message ?? String(e);
}

/** The file's bytes for `entry` (see the header comment). */
function formatRecord(key: string, translatorId: string, entry: StoredTranslation): string {
  const header = JSON.stringify({
    format: TRANSLATION_RECORD_FORMAT,
    key,
    translator: translatorId,
    sourceHash: entry.sourceHash,
    codeBytes: Buffer.byteLength(entry.code),
    kernels: entry.kernels,
    bindings: entry.bindings,
  });
  return `${header}\n${entry.code}`;
}

/** The record in `bytes` when it is whole and is the one for `key`; null otherwise. */
function parseRecord(bytes: Buffer, key: string): StoredRecord | null {
  const newline = bytes.indexOf(10);
  if (newline < 0) return null;
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(bytes.toString('utf8', 0, newline));
  } catch {
    return null;
  }
  const code = bytes.subarray(newline + 1);
  if (
    typeof r !== 'object' ||
    r === null ||
    r.format !== TRANSLATION_RECORD_FORMAT ||
    r.key !== key ||
    r.codeBytes !== code.length ||
    !Array.isArray(r.kernels) ||
    !Array.isArray(r.bindings) ||
    typeof r.sourceHash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(r.sourceHash)
  ) {
    return null;
  }
  return {
    codeBytes: code,
    sourceHash: r.sourceHash,
    kernels: r.kernels as TranslatedKernel[],
    bindings: r.bindings as TranslatedBinding[],
  };
}

export class TranslationStore {
  readonly dir: string;
  readonly translatorId: string;
  private readonly maxFiles: number;
  private readonly maxBytes: number;
  private readonly log?: (line: string) => void;
  /** Record file name → size and mtime; null until the first write scans the folder. */
  private index: Map<string, IndexEntry> | null = null;
  private totalBytes = 0;
  private writesSinceScan = 0;
  private tail: Promise<void> = Promise.resolve();
  private tmpSeq = 0;
  private warned = false;

  constructor(opts: TranslationStoreOptions) {
    this.dir = opts.dir;
    this.translatorId = opts.translatorId;
    this.maxFiles = opts.maxFiles ?? DEFAULT_MAX_FILES;
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.log = opts.log;
  }

  /** The stored record for `key`, or null (absent, unreadable or corrupt: then removed). */
  get(key: string): StoredRecord | null {
    const name = `${key}.translation`;
    const file = join(this.dir, name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      // Absent, or the folder is (absent or) not a folder: a plain miss; the write will say why.
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.warn(`cannot read ${file}: ${errorText(e)}`);
      return null;
    }
    const entry = parseRecord(bytes, key);
    if (!entry) {
      this.remove(key);
      return null;
    }
    // Least recently *used* goes first: a hit makes its record young again.
    this.enqueue(async () => {
      const now = new Date();
      await utimes(file, now, now).catch(() => {});
      const known = this.index?.get(name);
      if (known) known.mtimeMs = now.getTime();
    });
    return entry;
  }

  /**
   * The record's code when its bytes match its sha256 (the executor caches compiled code by that
   * hash: code that does not match it must never reach the executor); else null, and the record
   * is removed. Over the bytes, as createHash hashes a string: ~0.1 ms for a CPU module.
   */
  verifiedCode(key: string, record: StoredRecord): string | null {
    if (sha256(record.codeBytes) === record.sourceHash) return record.codeBytes.toString('utf8');
    this.remove(key);
    return null;
  }

  /** Removes `key`'s record now (a corrupt one). */
  private remove(key: string): void {
    const name = `${key}.translation`;
    this.forget(name);
    try {
      unlinkSync(join(this.dir, name));
    } catch {}
  }

  /** Stores `entry` under `key` in the background; `flush()` waits for it. */
  put(key: string, entry: StoredTranslation): void {
    const text = formatRecord(key, this.translatorId, entry);
    this.enqueue(() => this.write(`${key}.translation`, text));
  }

  /** Resolves once every write and touch queued so far is done (tests; a clean shutdown). */
  flush(): Promise<void> {
    return this.tail;
  }

  /** Records on disk as this store counts them (tests). */
  usage(): { files: number; bytes: number } | null {
    return this.index ? { files: this.index.size, bytes: this.totalBytes } : null;
  }

  private enqueue(job: () => Promise<void>): void {
    this.tail = this.tail.then(job).catch((e) => this.warn(errorText(e)));
  }

  private warn(message: string): void {
    if (this.warned) return;
    this.warned = true;
    this.log?.(
      `translation cache: ${message}; translations are kept in memory only (logged once, later failures are silent)`,
    );
  }

  private forget(name: string): void {
    const known = this.index?.get(name);
    if (!known) return;
    this.index!.delete(name);
    this.totalBytes -= known.bytes;
  }

  private async write(name: string, text: string): Promise<void> {
    if (!this.index || this.writesSinceScan >= RESCAN_EVERY) await this.scan();
    const file = join(this.dir, name);
    const tmp = join(
      this.dir,
      `${name}.tmp.${process.pid}.${this.tmpSeq++}.${Math.random().toString(36).slice(2, 8)}`,
    );
    try {
      await writeFile(tmp, text, { flag: 'wx', mode: 0o644 });
      await rename(tmp, file);
    } catch (e) {
      await unlink(tmp).catch(() => {});
      throw new Error(`cannot write ${file}: ${errorText(e)}`);
    }
    this.writesSinceScan++;
    this.forget(name);
    const bytes = Buffer.byteLength(text);
    this.index!.set(name, { bytes, mtimeMs: Date.now() });
    this.totalBytes += bytes;
    await this.evict();
  }

  private async scan(): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
    } catch (e) {
      throw new Error(`cannot create ${this.dir}: ${errorText(e)}`);
    }
    const names = await readdir(this.dir);
    const index = new Map<string, IndexEntry>();
    let total = 0;
    const now = Date.now();
    await Promise.all(
      names.map(async (name) => {
        const isRecord = RECORD_NAME.test(name);
        if (!isRecord && !TMP_NAME.test(name)) return;
        const st = await stat(join(this.dir, name)).catch(() => null);
        if (!st?.isFile()) return;
        if (!isRecord) {
          if (now - st.mtimeMs > STALE_TMP_MS) await unlink(join(this.dir, name)).catch(() => {});
          return;
        }
        index.set(name, { bytes: st.size, mtimeMs: st.mtimeMs });
        total += st.size;
      }),
    );
    this.index = index;
    this.totalBytes = total;
    this.writesSinceScan = 0;
  }

  private async evict(): Promise<void> {
    const index = this.index!;
    if (index.size <= this.maxFiles && this.totalBytes <= this.maxBytes) return;
    const keepFiles = Math.floor(this.maxFiles * 0.9);
    const keepBytes = Math.floor(this.maxBytes * 0.9);
    const oldestFirst = [...index].sort((a, b) => a[1].mtimeMs - b[1].mtimeMs);
    for (const [name] of oldestFirst) {
      if (index.size <= keepFiles && this.totalBytes <= keepBytes) break;
      // Gone already (another daemon evicted it) is as good as removed.
      await unlink(join(this.dir, name)).catch(() => {});
      this.forget(name);
    }
  }
}

/**
 * The daemon's store under `cacheDir` (the executor's cache folder), or undefined when the
 * translator has no identity (bundled without its sources): then translations stay in memory.
 */
export function openTranslationStore(
  cacheDir: string,
  log?: (line: string) => void,
  translatorId: string | null = translatorIdentity(),
): TranslationStore | undefined {
  if (!translatorId) {
    log?.(
      'translation cache: translator sources not found beside the daemon; translations are kept in memory only',
    );
    return undefined;
  }
  return new TranslationStore({ dir: join(cacheDir, 'translations'), translatorId, log });
}
