/**
 * Every schema migration, in order. Listed statically (not read from disk) so the Next.js server
 * bundle carries them. Add a file `NNNN_name.ts` and a line here; never edit a shipped migration.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_shared_runs';
import * as m0002 from './0002_paired_daemons';
import * as m0003 from './0003_shared_sweeps';
import * as m0004 from './0004_workshops';
import * as m0005 from './0005_listed_sweeps';
import * as m0006 from './0006_workshop_paired_daemon';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_shared_runs': { up: m0001.up, down: m0001.down },
  '0002_paired_daemons': { up: m0002.up, down: m0002.down },
  '0003_shared_sweeps': { up: m0003.up, down: m0003.down },
  '0004_workshops': { up: m0004.up, down: m0004.down },
  '0005_listed_sweeps': { up: m0005.up, down: m0005.down },
  '0006_workshop_paired_daemon': { up: m0006.up, down: m0006.down },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
