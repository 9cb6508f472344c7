import type { ShareDb } from './db';
import { ImmutableRecords, type RecordKind, type StoreOptions } from './immutable-records';
import {
  type StoredSweep,
  SWEEP_RECORD_VERSION,
  type SweepSummary,
  sweepInputSchema,
  sweepSummaryOf,
} from './sweep-record';

const SWEEPS: RecordKind<StoredSweep> = {
  table: 'shared_sweeps',
  noun: 'sweep',
  version: SWEEP_RECORD_VERSION,
  schema: sweepInputSchema,
  summary: sweepSummaryOf,
};

export class SweepStore extends ImmutableRecords<StoredSweep> {
  constructor(share: ShareDb, opts: StoreOptions = {}) {
    super(share, SWEEPS, opts);
  }

  /** Validates `input` (decoded, not wire form) and stores it under a new id. */
  async saveSweep(input: unknown): Promise<{ id: string; createdAt: string; bytes: number }> {
    return this.save(input);
  }

  /** The sweep with this id; null when there is none. Throws `corrupt` when its text fails its checksum. */
  getSweep(id: string): Promise<StoredSweep | null> {
    return this.read(id);
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
