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

/** A shared sweep (server/share/sweep-store.ts); same columns as a run's. */
export interface SharedSweepsTable {
  id: string;
  created_at: string;
  /** 1 = listed on /recent (migration 0005; 0 for every sweep stored before it). */
  is_public: number;
  record_version: number;
  /** JSON of SweepSummary. */
  summary: string;
  /** The record as wire JSON; sha256 hex of it checked on every read. */
  body: string;
  body_sha256: string;
  body_bytes: number;
}

/** A key this server made for itself and keeps (the workshop cookie key when not configured). */
export interface ServerSecretsTable {
  name: string;
  value: string;
}

/** A workshop room (server/workshop/store.ts). */
export interface WorkshopsTable {
  /** The join code (Crockford base32, no dash). */
  code: string;
  title: string;
  /** The lesson as JSON (core/workshop/lesson.ts), solutions included: never sent to students. */
  lesson: string;
  /** A configured daemon's index as text, 'auto', or 'paired' (then paired_daemon names it). */
  daemon: string;
  /** The pairing id (paired_daemons.id) of the teacher's daemon the room runs on; null otherwise. */
  paired_daemon: string | null;
  runs_per_student: number;
  /** sha256 hex of the teacher link's secret. */
  teacher_sha256: string;
  created_at: string;
  closed_at: string | null;
  spotlight_student: string | null;
  spotlight_step: number | null;
  /** A kernel the teacher sent to every student. */
  broadcast: string | null;
  broadcast_at: string | null;
}

/** A locked step of a room: students cannot open or submit it. */
export interface WorkshopLocksTable {
  code: string;
  step: number;
}

export interface WorkshopStudentsTable {
  id: string;
  code: string;
  name: string;
  /** The name folded for uniqueness (case, spaces, Unicode compatibility forms). */
  name_key: string;
  /** sha256 hex of the student's cookie secret. */
  secret_sha256: string;
  /** The step the student has open. */
  step: number;
  runs_used: number;
  joined_at: string;
}

/** A student's latest kernel per step: what they see again after a reload. */
export interface WorkshopKernelsTable {
  student: string;
  step: number;
  wgsl: string;
  updated_at: string;
}

export interface WorkshopSubmissionsTable {
  id: string;
  code: string;
  student: string;
  step: number;
  wgsl: string;
  /** 1 = passed the check. */
  pass: number;
  reason: string;
  kernel_ms: number | null;
  created_at: string;
}

export interface Database {
  shared_runs: SharedRunsTable;
  shared_sweeps: SharedSweepsTable;
  paired_daemons: PairedDaemonsTable;
  server_secrets: ServerSecretsTable;
  workshops: WorkshopsTable;
  workshop_locks: WorkshopLocksTable;
  workshop_students: WorkshopStudentsTable;
  workshop_kernels: WorkshopKernelsTable;
  workshop_submissions: WorkshopSubmissionsTable;
}
