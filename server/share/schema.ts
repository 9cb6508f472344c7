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

/** A daemon paired with this web server (server/pairing/store.ts). */
export interface PairedDaemonsTable {
  id: string;
  /** The browser that made the pairing code: its hashed client cookie (server/share/client-key.ts). */
  owner_key: string;
  /** sha256 hex of the daemon's secret; the secret itself is never stored here. */
  secret_sha256: string;
  /** What the daemon calls itself (host name and device), for the Remote picker. */
  name: string;
  created_at: string;
}

/** A shared sweep (server/share/sweep-store.ts); same columns as a run's, never listed. */
export interface SharedSweepsTable {
  id: string;
  created_at: string;
  record_version: number;
  /** JSON of SweepSummary. */
  summary: string;
  /** The record as wire JSON; sha256 hex of it checked on every read. */
  body: string;
  body_sha256: string;
  body_bytes: number;
}

export interface Database {
  shared_runs: SharedRunsTable;
  shared_sweeps: SharedSweepsTable;
  paired_daemons: PairedDaemonsTable;
}
