/**
 * v3: workshop rooms (server/workshop/store.ts, docs/workshop.md): the room, its steps' lock state,
 * its students, their latest kernel per step, their submissions; and server_secrets, where the key
 * that signs student cookies lives when DUET_WORKSHOP_SECRET is not set (shared by every web server
 * on one PostgreSQL, kept across restarts).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'varchar(128)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('workshops')
    .addColumn('code', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('lesson', 'text', (c) => c.notNull())
    .addColumn('daemon', 'varchar(16)', (c) => c.notNull())
    .addColumn('runs_per_student', 'integer', (c) => c.notNull())
    .addColumn('teacher_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('spotlight_student', 'varchar(32)')
    .addColumn('spotlight_step', 'integer')
    .addColumn('broadcast', 'text')
    .addColumn('broadcast_at', 'varchar(32)')
    .execute();
  await db.schema
    .createTable('workshop_locks')
    .addColumn('code', 'varchar(16)', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('workshop_locks_pk', ['code', 'step'])
    .execute();
  await db.schema
    .createTable('workshop_students')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('name_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('secret_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('runs_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('joined_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('workshop_students_name', ['code', 'name_key'])
    .execute();
  await db.schema
    .createTable('workshop_kernels')
    .addColumn('student', 'varchar(32)', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('wgsl', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('workshop_kernels_pk', ['student', 'step'])
    .execute();
  await db.schema
    .createTable('workshop_submissions')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(16)', (c) => c.notNull())
    .addColumn('student', 'varchar(32)', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('wgsl', 'text', (c) => c.notNull())
    .addColumn('pass', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('kernel_ms', 'double precision')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('workshop_submissions_room')
    .on('workshop_submissions')
    .column('code')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'workshop_submissions',
    'workshop_kernels',
    'workshop_students',
    'workshop_locks',
    'workshops',
    'server_secrets',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
