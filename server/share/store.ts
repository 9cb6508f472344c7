/**
 * Saving and reading shared runs. A record is validated (zod) and capped in size before it is
 * written once — records are immutable — with a sha256 of its stored text that every read checks.
 */
import type { ShareDb } from './db';
import { ImmutableRecords, type RecordKind, type StoreOptions } from './immutable-records';
import { RECORD_VERSION, type RunSummary, type StoredRun, shareInputSchema, summaryOf } from './record';

const RUNS: RecordKind<StoredRun> = {
  table: 'shared_runs',
  noun: 'run',
  version: RECORD_VERSION,
  schema: shareInputSchema,
  summary: summaryOf,
};

export class ShareStore extends ImmutableRecords<StoredRun> {
  constructor(share: ShareDb, opts: StoreOptions = {}) {
    super(share, RUNS, opts);
  }

  /** Validates `input` (decoded, not wire form) and stores it under a new id. */
  async saveRun(input: unknown): Promise<{ id: string; createdAt: string; bytes: number }> {
    return this.save(input);
  }

  /** The run with this id; null when there is none. Throws `corrupt` when its text fails its checksum. */
  getRun(id: string): Promise<StoredRun | null> {
    return this.read(id);
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
