/** v1: the shared_runs table. Plain portable types so SQLite and PostgreSQL run the same queries. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('shared_runs')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('record_version', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('body_bytes', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('shared_runs_recent')
    .on('shared_runs')
    .columns(['is_public', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('shared_runs').execute();
}
