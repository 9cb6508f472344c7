/**
 * What shared runs (store.ts) and shared sweeps (sweep-store.ts) have in common (ImmutableRecords): a record is
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
import { parseWire, stringifyWire } from './wire';

type RecordTable = 'shared_runs' | 'shared_sweeps';

/** Largest stored record, in bytes of its JSON text. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export interface StoreOptions {
  maxRecordBytes?: number;
  now?: () => Date;
}

/** What a record is called in messages: "shared run", "shared sweep". */
interface Kind {
  table: RecordTable;
  /** "run", "sweep". */
  noun: string;
}

/** `input` parsed by `schema`, or ShareError 'invalid' listing each bad field's path. */
function parseRecordInput<T>(schema: ZodType<T>, input: unknown, kind: Kind): T {
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
async function insertRecord<R extends { public?: boolean }>(
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
async function readRecordText(
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

/** What a kind of record is: its table, its name in messages, its schema, version and summary. */
export interface RecordKind<Stored> extends Kind {
  version: number;
  /** The record as given, before the store adds `v`, `id` and `createdAt`. */
  schema: ZodType<Omit<Stored, 'v' | 'id' | 'createdAt'>>;
  summary: (record: Stored) => unknown;
}

/** Saving and reading one kind of immutable record; ShareStore and SweepStore add their listings. */
export class ImmutableRecords<Stored extends { public?: boolean }> {
  private readonly maxRecordBytes: number;
  private readonly now: () => Date;

  constructor(
    protected readonly share: ShareDb,
    private readonly kind: RecordKind<Stored>,
    opts: StoreOptions = {},
  ) {
    this.maxRecordBytes = opts.maxRecordBytes ?? MAX_RECORD_BYTES;
    this.now = opts.now ?? (() => new Date());
  }

  /** Validates `input` (decoded, not wire form) and stores it under a new id. */
  protected async save(input: unknown): Promise<{ id: string; createdAt: string; bytes: number }> {
    const { version, summary } = this.kind;
    const data = parseRecordInput(this.kind.schema, input, this.kind);
    const createdAt = this.now().toISOString();
    return insertRecord<Stored>(this.share, this.kind, {
      version,
      maxBytes: this.maxRecordBytes,
      createdAt,
      make: (id) => ({ v: version, id, createdAt, ...data }) as unknown as Stored,
      summary,
    });
  }

  /** The record with this id; null when there is none. Throws `corrupt` when its text fails its checksum. */
  protected async read(id: string): Promise<Stored | null> {
    const raw = await this.getRaw(id);
    return raw ? (parseWire(raw.body) as Stored) : null;
  }

  /** The stored text itself (wire JSON), checksum verified: what the JSON export serves. */
  getRaw(id: string): Promise<{ body: string; sha256: string } | null> {
    return readRecordText(this.share, this.kind, id);
  }
}
