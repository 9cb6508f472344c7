/**
 * Every schema migration, in order. Listed statically (not read from disk) so the Next.js server
 * bundle carries them. Add a file `NNNN_name.ts` and a line here; never edit a shipped migration.
 */
import type { Migration, MigrationProvider } from 'kysely';
import { down, up } from './0001_shared_runs';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_shared_runs': { up, down },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
