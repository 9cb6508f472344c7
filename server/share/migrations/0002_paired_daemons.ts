/** v2: the paired_daemons table (server/pairing/store.ts): daemons that dialed out to this web server. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('paired_daemons')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('owner_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('secret_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('paired_daemons_owner').on('paired_daemons').column('owner_key').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('paired_daemons').execute();
}
