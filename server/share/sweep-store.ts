import type { ShareDb } from './db';
import { insertRecord, parseRecordInput, readRecordText } from './immutable-records';
import { MAX_RECORD_BYTES, type StoreOptions } from './store';
import {
  type StoredSweep,
  SWEEP_RECORD_VERSION,
  type SweepSummary,
  sweepInputSchema,
  sweepSummaryOf,
} from './sweep-record';
import { parseWire } from './wire';

const SWEEPS = { table: 'shared_sweeps', noun: 'sweep' } as const;

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
    const data = parseRecordInput(sweepInputSchema, input, SWEEPS);
    const createdAt = this.now().toISOString();
    return insertRecord<StoredSweep>(this.share, SWEEPS, {
      version: SWEEP_RECORD_VERSION,
      maxBytes: this.maxRecordBytes,
      createdAt,
      make: (id) => ({ v: SWEEP_RECORD_VERSION, id, createdAt, ...data }),
      summary: sweepSummaryOf,
    });
  }

  /** The sweep with this id; null when there is none. Throws `corrupt` when its text fails its checksum. */
  async getSweep(id: string): Promise<StoredSweep | null> {
    const raw = await this.getRaw(id);
    return raw ? (parseWire(raw.body) as StoredSweep) : null;
  }

  /** The stored text itself (wire JSON), checksum verified: what the JSON export serves. */
  getRaw(id: string): Promise<{ body: string; sha256: string } | null> {
    return readRecordText(this.share, SWEEPS, id);
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
