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
 * - Reads (on a memory miss) are synchronous and read the head alone: what a run needs at once is
 *   the head (kernels, bindings, sourceHash): the daemon names the source to a fresh executor by its
 *   hash alone, and the executor loads the module it compiled before from its own disk cache. So a
 *   hit is open, fstat, one read of the file's first HEAD_READ bytes, close (measured 2026-12-06:
 *   ~5 us against ~80 us for readFileSync of a 54 KB record, which allocates and copies the code a
 *   hit never uses). The file's size must be the head's line plus `codeBytes` (a truncated or
 *   lengthened file is a miss). The code is read, and checked against its sha256, only when the
 *   executor asks for it (`need-source`, its module gone: `verifiedCode`). A file that is the wrong
 *   size, cannot be parsed or belongs to another key is a miss and is removed; code that turns out
 *   not to match its sha256 is removed then, and a record gone by then (evicted) is translated again.
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
import { closeSync, fstatSync, openSync, readFileSync, readSync, unlinkSync } from 'node:fs';
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
/** A hit reads this much of the file first: the head of every preset's record fits (matmul-tiled's
 * 1.7 KB, its layouts included); a longer head takes one more read. */
const HEAD_READ = 8192;
const TMP_NAME = /^[0-9a-f]{64}\.translation\.tmp\./;

export interface StoredTranslation {
  code: string;
  /** sha256 of `code`: the executor's compile cache key. */
  sourceHash: string;
  kernels: TranslatedKernel[];
  bindings: TranslatedBinding[];
}

/** A record's head as read: where its code lies in the file, not yet read nor checked against
 * `sourceHash` (verifiedCode does both). */
export interface StoredRecord extends Omit<StoredTranslation, 'code'> {
  /** Byte offset of the code in the file (just after the head's newline) and its length. */
  codeOffset: number;
  codeBytes: number;
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

/** The head's line in `head` (a file's first bytes, whose size is `fileBytes`) when the file is whole
 * and is the record for `key`; null otherwise. */
function parseHead(head: Buffer, fileBytes: number, key: string): StoredRecord | null {
  const newline = head.indexOf(10);
  if (newline < 0) return null;
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(head.toString('utf8', 0, newline));
  } catch {
    return null;
  }
  if (
    typeof r !== 'object' ||
    r === null ||
    r.format !== TRANSLATION_RECORD_FORMAT ||
    r.key !== key ||
    r.codeBytes !== fileBytes - (newline + 1) ||
    !Array.isArray(r.kernels) ||
    !Array.isArray(r.bindings) ||
    typeof r.sourceHash !== 'string' ||
    !/^[0-9a-f]{64}$/.test(r.sourceHash)
  ) {
    return null;
  }
  return {
    codeOffset: newline + 1,
    codeBytes: r.codeBytes,
    sourceHash: r.sourceHash,
    kernels: r.kernels as TranslatedKernel[],
    bindings: r.bindings as TranslatedBinding[],
  };
}

/** The file's first bytes (into `buffer`, or all of them when its head is longer) and its size. */
function readHead(file: string, buffer: Buffer): { head: Buffer; fileBytes: number } {
  const fd = openSync(file, 'r');
  try {
    const fileBytes = fstatSync(fd).size;
    let head = buffer;
    let got = readSync(fd, head, 0, Math.min(head.length, fileBytes), 0);
    if (got === head.length && head.indexOf(10) < 0 && fileBytes > got) {
      // A head longer than HEAD_READ (a kernel with many bindings): read the whole file.
      head = Buffer.allocUnsafe(fileBytes);
      got = readSync(fd, head, 0, fileBytes, 0);
    }
    return { head: head.subarray(0, got), fileBytes };
  } finally {
    closeSync(fd);
  }
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
  /** Where get() reads a file's first bytes; nothing a caller keeps points into it. */
  private readonly headBuffer = Buffer.allocUnsafe(HEAD_READ);

  constructor(opts: TranslationStoreOptions) {
    this.dir = opts.dir;
    this.translatorId = opts.translatorId;
    this.maxFiles = opts.maxFiles ?? DEFAULT_MAX_FILES;
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.log = opts.log;
    this.warmUp();
  }

  /**
   * Runs a hit's code once at open, on a head made here and on the folder itself (where the read
   * fails: a folder is no file), so that V8 compiles it and node's fs wrappers now, not on the first
   * hit after a restart: measured 2026-12-06 in a fresh process, that first hit's head read and parse
   * took ~0.6 ms against ~0.09 ms for the next, ~0.3 ms after this. Reads nothing and writes nothing.
   */
  private warmUp(): void {
    const key = '0'.repeat(64);
    const text = formatRecord(key, this.translatorId, {
      code: '',
      sourceHash: key,
      kernels: [],
      bindings: [],
    });
    const bytes = Buffer.from(text);
    parseHead(bytes, bytes.length, key);
    try {
      readHead(this.dir, this.headBuffer);
    } catch {}
  }

  /** The stored record for `key`, or null (absent, unreadable or corrupt: then removed). */
  get(key: string): StoredRecord | null {
    const name = `${key}.translation`;
    const file = join(this.dir, name);
    let read: { head: Buffer; fileBytes: number };
    try {
      read = readHead(file, this.headBuffer);
    } catch (e) {
      // Absent, or the folder is (absent or) not a folder: a plain miss; the write will say why.
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.warn(`cannot read ${file}: ${errorText(e)}`);
      return null;
    }
    const entry = parseHead(read.head, read.fileBytes, key);
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
   * The record's code, read now, when the file is still the size its head gave and the code's bytes
   * match its sha256 (the executor caches compiled code by that hash: code that does not match it must
   * never reach the executor); else null, and the record is removed (a file gone since, evicted or
   * removed by another daemon, is null too: the caller translates again). Over the bytes, as
   * createHash hashes a string: ~0.1 ms for a CPU module.
   */
  verifiedCode(key: string, record: StoredRecord): string | null {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(this.dir, `${key}.translation`));
    } catch {
      return null;
    }
    const code = bytes.subarray(record.codeOffset);
    if (code.length === record.codeBytes && sha256(code) === record.sourceHash) return code.toString('utf8');
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
