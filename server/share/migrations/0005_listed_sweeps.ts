/**
 * v5: shared sweeps may be listed on /recent, as runs are (server/share/sweep-store.ts). Additive: the
 * column defaults to 0, so every sweep stored before it stays unlisted, as its sharer was promised.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('shared_sweeps')
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('shared_sweeps').dropColumn('is_public').execute();
}
