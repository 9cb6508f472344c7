/**
 * Saving and reading shared runs. A record is validated (zod) and capped in size before it is
 * written once — records are immutable — with a sha256 of its stored text that every read checks.
 */
import { createHash } from 'node:crypto';
import { formatPath } from '../../core/workload';
import type { ShareDb } from './db';
import { ShareError } from './errors';
import { isShareId, newShareId } from './ids';
import { RECORD_VERSION, type RunSummary, type StoredRun, shareInputSchema, summaryOf } from './record';
import { parseWire, stringifyWire } from './wire';

/** Largest stored record, in bytes of its JSON text. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export interface StoreOptions {
  maxRecordBytes?: number;
  now?: () => Date;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A primary-key clash on either dialect (a new id is then drawn). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export class ShareStore {
  private readonly maxRecordBytes: number;
  private readonly now: () => Date;

  constructor(
    private readonly share: ShareDb,
    opts: StoreOptions = {},
  ) {
    this.maxRecordBytes = opts.maxRecordBytes ?? MAX_RECORD_BYTES;
    this.now = opts.now ?? (() => new Date());
  }

  /** Validates `input` (decoded, not wire form) and stores it under a new id. */
  async saveRun(input: unknown): Promise<{ id: string; createdAt: string; bytes: number }> {
    const parsed = shareInputSchema.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
      throw new ShareError(
        'invalid',
        issues.map((i) => `invalid shared run: ${i.path}: ${i.message}`).join('\n'),
        {
          issues,
        },
      );
    }
    const createdAt = this.now().toISOString();
    for (let attempt = 0; ; attempt++) {
      const id = newShareId();
      const record: StoredRun = { v: RECORD_VERSION, id, createdAt, ...parsed.data };
      const body = stringifyWire(record);
      const bytes = Buffer.byteLength(body, 'utf8');
      if (bytes > this.maxRecordBytes) {
        throw new ShareError(
          'too-large',
          `This run is ${Math.ceil(bytes / 1024)} KiB; shared runs are capped at ${Math.floor(this.maxRecordBytes / 1024)} KiB.`,
          { limit: { name: 'maxRecordBytes', value: bytes, max: this.maxRecordBytes } },
        );
      }
      try {
        await this.share.db
          .insertInto('shared_runs')
          .values({
            id,
            created_at: createdAt,
            is_public: record.public ? 1 : 0,
            record_version: RECORD_VERSION,
            summary: JSON.stringify(summaryOf(record)),
            body,
            body_sha256: sha256Hex(body),
            body_bytes: bytes,
          })
          .execute();
        return { id, createdAt, bytes };
      } catch (e) {
        if (isUniqueViolation(e) && attempt < 3) continue; // a 128-bit collision: draw again
        throw e;
      }
    }
  }

  /** The run with this id; null when there is none. Throws `corrupt` when its text fails its checksum. */
  async getRun(id: string): Promise<StoredRun | null> {
    const raw = await this.getRaw(id);
    return raw ? (parseWire(raw.body) as StoredRun) : null;
  }

  /** The stored text itself (wire JSON), checksum verified: what export and tests read. */
  async getRaw(id: string): Promise<{ body: string; sha256: string } | null> {
    if (!isShareId(id)) return null;
    const row = await this.share.db
      .selectFrom('shared_runs')
      .select(['body', 'body_sha256'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    if (sha256Hex(row.body) !== row.body_sha256) {
      throw new ShareError('corrupt', `shared run ${id} failed its checksum; it cannot be shown`);
    }
    return { body: row.body, sha256: row.body_sha256 };
  }

  /** Public runs, newest first. `before` is the last item's cursor from the previous page. */
  async listRecent(
    opts: { limit?: number; before?: string } = {},
  ): Promise<{ items: RunSummary[]; next: string | null }> {
    const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
    let q = this.share.db
      .selectFrom('shared_runs')
      .select(['id', 'created_at', 'summary'])
      .where('is_public', '=', 1)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1);
    const cursor = opts.before ? decodeCursor(opts.before) : null;
    if (cursor) {
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '<', cursor.createdAt),
          eb.and([eb('created_at', '=', cursor.createdAt), eb('id', '<', cursor.id)]),
        ]),
      );
    }
    const rows = await q.execute();
    const items = rows.slice(0, limit).map((r) => JSON.parse(r.summary) as RunSummary);
    const last = items.at(-1);
    return { items, next: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** How many runs are stored (tests, health). */
  async count(): Promise<number> {
    const row = await this.share.db
      .selectFrom('shared_runs')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function encodeCursor(s: RunSummary): string {
  return `${s.createdAt}~${s.id}`;
}

function decodeCursor(text: string): { createdAt: string; id: string } | null {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)~([A-Za-z0-9_-]{22})$/.exec(text);
  return m ? { createdAt: m[1]!, id: m[2]! } : null;
}
