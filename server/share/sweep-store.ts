/**
 * Saving and reading shared sweeps (/s/<id>), on the same database as shared runs (db.ts) and with
 * the same guarantees (store.ts): validated, capped in size, written once under an unguessable id,
 * and checked against the sha256 of its stored text on every read. A sweep whose record says
 * `public: true` is listed on /recent, beside the runs.
 */
import { formatPath } from '../../core/workload';
import type { ShareDb } from './db';
import { ShareError } from './errors';
import { isShareId, newShareId } from './ids';
import { isUniqueViolation, MAX_RECORD_BYTES, type StoreOptions, sha256Hex } from './store';
import {
  type StoredSweep,
  SWEEP_RECORD_VERSION,
  type SweepSummary,
  sweepInputSchema,
  sweepSummaryOf,
} from './sweep-record';
import { parseWire, stringifyWire } from './wire';

export class SweepStore {
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
  async saveSweep(input: unknown): Promise<{ id: string; createdAt: string; bytes: number }> {
    const parsed = sweepInputSchema.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
      throw new ShareError(
        'invalid',
        issues.map((i) => `invalid shared sweep: ${i.path}: ${i.message}`).join('\n'),
        { issues },
      );
    }
    const createdAt = this.now().toISOString();
    for (let attempt = 0; ; attempt++) {
      const id = newShareId();
      const record: StoredSweep = { v: SWEEP_RECORD_VERSION, id, createdAt, ...parsed.data };
      const body = stringifyWire(record);
      const bytes = Buffer.byteLength(body, 'utf8');
      if (bytes > this.maxRecordBytes) {
        throw new ShareError(
          'too-large',
          `This sweep is ${Math.ceil(bytes / 1024)} KiB; shared sweeps are capped at ${Math.floor(this.maxRecordBytes / 1024)} KiB.`,
          { limit: { name: 'maxRecordBytes', value: bytes, max: this.maxRecordBytes } },
        );
      }
      try {
        await this.share.db
          .insertInto('shared_sweeps')
          .values({
            id,
            created_at: createdAt,
            is_public: record.public ? 1 : 0,
            record_version: SWEEP_RECORD_VERSION,
            summary: JSON.stringify(sweepSummaryOf(record)),
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

  /** The sweep with this id; null when there is none. Throws `corrupt` when its text fails its checksum. */
  async getSweep(id: string): Promise<StoredSweep | null> {
    const raw = await this.getRaw(id);
    return raw ? (parseWire(raw.body) as StoredSweep) : null;
  }

  /** The stored text itself (wire JSON), checksum verified: what the JSON export serves. */
  async getRaw(id: string): Promise<{ body: string; sha256: string } | null> {
    if (!isShareId(id)) return null;
    const row = await this.share.db
      .selectFrom('shared_sweeps')
      .select(['body', 'body_sha256'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    if (sha256Hex(row.body) !== row.body_sha256) {
      throw new ShareError('corrupt', `shared sweep ${id} failed its checksum; it cannot be shown`);
    }
    return { body: row.body, sha256: row.body_sha256 };
  }

  /** Listed sweeps, newest first (one page: /recent shows the latest beside its runs). */
  async listRecent(opts: { limit?: number } = {}): Promise<SweepSummary[]> {
    const limit = Math.min(Math.max(opts.limit ?? 10, 1), 100);
    const rows = await this.share.db
      .selectFrom('shared_sweeps')
      .select(['summary'])
      .where('is_public', '=', 1)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => JSON.parse(r.summary) as SweepSummary);
  }
}
