/**
 * v6: a workshop room may run on a daemon its teacher paired (server/pairing/), kept by the pairing's
 * id so that a web server restart keeps the attachment and the daemon's reconnect resumes the room.
 * Additive: null for every room before it (they keep their configured daemon or 'auto').
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('workshops').addColumn('paired_daemon', 'varchar(32)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('workshops').dropColumn('paired_daemon').execute();
}
