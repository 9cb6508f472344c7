/**
 * The share database. Embedded default: SQLite through better-sqlite3 at `data/duet.db` (WAL, created
 * and migrated on first use). With `DATABASE_URL` (postgres://…): PostgreSQL, for several web servers.
 * Same schema and queries through Kysely on both.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { serverEnv } from '../env';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

/** A primary-key or unique clash on either dialect (a new id is then drawn, or a name is taken). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export interface ShareDb {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where it lives, without credentials: a file path or host/database. */
  location: string;
  close(): Promise<void>;
}

export interface ShareDbOptions {
  /** postgres://… ; when absent, SQLite at `sqlitePath`. */
  databaseUrl?: string | undefined;
  sqlitePath?: string;
}

export function defaultSqlitePath(): string {
  return resolve(serverEnv().DUET_DATA_DIR ?? 'data', 'duet.db');
}

function openSqlite(path: string): ShareDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  database.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before saveRun returns, so a crash right after loses nothing.
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: 'sqlite', location: path, close: () => db.destroy() };
}

function openPostgres(url: string): ShareDb {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const u = new URL(url);
  return {
    db,
    dialect: 'postgres',
    location: `${u.hostname}:${u.port || 5432}${u.pathname}`,
    close: () => db.destroy(),
  };
}

function isBusy(e: unknown): boolean {
  return (
    e instanceof Error &&
    /SQLITE_BUSY|database is locked/i.test(`${(e as { code?: string }).code} ${e.message}`)
  );
}

/** Brings the schema up to date. Safe when several processes start at once. */
export async function migrate(share: ShareDb): Promise<void> {
  const migrator = new Migrator({ db: share.db, provider: migrationProvider });
  for (let attempt = 0; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return;
    // Two SQLite processes migrating at once: the loser sees BUSY; the winner's work is then done.
    if (share.dialect === 'sqlite' && isBusy(error) && attempt < 5) {
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
      continue;
    }
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `share database (${share.dialect}, ${share.location}): migration ${failed ?? ''} failed: ${message}`,
    );
  }
}

export async function openShareDb(opts: ShareDbOptions = {}): Promise<ShareDb> {
  const share = opts.databaseUrl
    ? openPostgres(opts.databaseUrl)
    : openSqlite(opts.sqlitePath ?? defaultSqlitePath());
  try {
    await migrate(share);
  } catch (e) {
    await share.close().catch(() => {});
    throw e;
  }
  return share;
}

const globalKey = Symbol.for('duet.shareDb');
type WithShareDb = typeof globalThis & { [globalKey]?: Promise<ShareDb> };

/** The process's share database from the environment, opened and migrated once. */
export function shareDb(): Promise<ShareDb> {
  const g = globalThis as WithShareDb;
  if (!g[globalKey]) {
    g[globalKey] = openShareDb({ databaseUrl: serverEnv().DATABASE_URL }).catch((e: unknown) => {
      g[globalKey] = undefined; // try again on the next request
      throw e;
    });
  }
  return g[globalKey];
}
