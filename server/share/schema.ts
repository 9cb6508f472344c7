/** The database as Kysely sees it. */
export interface SharedRunsTable {
  id: string;
  /** ISO 8601 UTC with milliseconds: sorts as text on both dialects. */
  created_at: string;
  /** 1 = listed on /recent. */
  is_public: number;
  record_version: number;
  /** JSON of RunSummary. */
  summary: string;
  /** The record as wire JSON (server/share/wire.ts). */
  body: string;
  /** sha256 hex of `body`; checked on every read. */
  body_sha256: string;
  body_bytes: number;
}

export interface Database {
  shared_runs: SharedRunsTable;
}
