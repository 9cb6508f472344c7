/**
 * What shared runs (store.ts) and shared sweeps (sweep-store.ts) have in common: a record is
 * validated (zod), capped in size, written once under an unguessable id with the sha256 of its
 * stored text, and checked against that sha256 on every read. Their tables have the same columns.
 */
import type { ZodType } from 'zod';
import { formatPath } from '../../core/workload';
import { sha256Hex } from './checksum';
import type { ShareDb } from './db';
import { isUniqueViolation } from './db';
import { ShareError } from './errors';
import { isShareId, newShareId } from './ids';
import { stringifyWire } from './wire';

export type RecordTable = 'shared_runs' | 'shared_sweeps';

/** What a record is called in messages: "shared run", "shared sweep". */
interface Kind {
  table: RecordTable;
  /** "run", "sweep". */
  noun: string;
}

/** `input` parsed by `schema`, or ShareError 'invalid' listing each bad field's path. */
export function parseRecordInput<T>(schema: ZodType<T>, input: unknown, kind: Kind): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  throw new ShareError(
    'invalid',
    issues.map((i) => `invalid shared ${kind.noun}: ${i.path}: ${i.message}`).join('\n'),
    { issues },
  );
}

/**
 * Stores the record `make(id)` under a new id (drawn again on a 128-bit collision); ShareError
 * 'too-large' past `maxBytes`.
 */
export async function insertRecord<R extends { public?: boolean }>(
  share: ShareDb,
  kind: Kind,
  opts: {
    version: number;
    maxBytes: number;
    createdAt: string;
    make: (id: string) => R;
    summary: (record: R) => unknown;
  },
): Promise<{ id: string; createdAt: string; bytes: number }> {
  for (let attempt = 0; ; attempt++) {
    const id = newShareId();
    const record = opts.make(id);
    const body = stringifyWire(record);
    const bytes = Buffer.byteLength(body, 'utf8');
    if (bytes > opts.maxBytes) {
      throw new ShareError(
        'too-large',
        `This ${kind.noun} is ${Math.ceil(bytes / 1024)} KiB; shared ${kind.noun}s are capped at ${Math.floor(opts.maxBytes / 1024)} KiB.`,
        { limit: { name: 'maxRecordBytes', value: bytes, max: opts.maxBytes } },
      );
    }
    try {
      await share.db
        .insertInto(kind.table)
        .values({
          id,
          created_at: opts.createdAt,
          is_public: record.public ? 1 : 0,
          record_version: opts.version,
          summary: JSON.stringify(opts.summary(record)),
          body,
          body_sha256: sha256Hex(body),
          body_bytes: bytes,
        })
        .execute();
      return { id, createdAt: opts.createdAt, bytes };
    } catch (e) {
      if (isUniqueViolation(e) && attempt < 3) continue; // a 128-bit collision: draw again
      throw e;
    }
  }
}

/** The stored text (wire JSON) of record `id`, checksum verified; null when there is none. */
export async function readRecordText(
  share: ShareDb,
  kind: Kind,
  id: string,
): Promise<{ body: string; sha256: string } | null> {
  if (!isShareId(id)) return null;
  const row = await share.db
    .selectFrom(kind.table)
    .select(['body', 'body_sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  if (sha256Hex(row.body) !== row.body_sha256) {
    throw new ShareError('corrupt', `shared ${kind.noun} ${id} failed its checksum; it cannot be shown`);
  }
  return { body: row.body, sha256: row.body_sha256 };
}
