/**
 * Paired daemons, kept in the share database (server/share/db.ts: SQLite by default) so that a web
 * server restart keeps its pairings. A daemon's secret is stored only as its sha256 and compared in
 * constant time; the secret itself is shown once, to the daemon, over its own connection.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../share/schema';

export interface PairedDaemon {
  id: string;
  ownerKey: string;
  name: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ID = /^[A-Za-z0-9_-]{1,32}$/;

export class PairingStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records a new pairing; the secret is returned once and never stored in the clear. */
  async add(ownerKey: string, name: string): Promise<PairedDaemon & { secret: string }> {
    const id = randomBytes(9).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('paired_daemons')
      .values({
        id,
        owner_key: ownerKey,
        secret_sha256: sha256(secret),
        name,
        created_at: new Date().toISOString(),
      })
      .execute();
    return { id, ownerKey, name, secret };
  }

  /** The pairing `id` when `secret` is its secret; null otherwise (unknown id, wrong secret). */
  async verify(id: string, secret: string): Promise<PairedDaemon | null> {
    if (!ID.test(id)) return null;
    const row = await this.db
      .selectFrom('paired_daemons')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const given = Buffer.from(sha256(secret), 'hex');
    const kept = Buffer.from(row.secret_sha256, 'hex');
    if (given.length !== kept.length || !timingSafeEqual(given, kept)) return null;
    return { id: row.id, ownerKey: row.owner_key, name: row.name };
  }

  /** The pairing `id`, whoever made it; null when there is none. */
  async get(id: string): Promise<PairedDaemon | null> {
    if (!ID.test(id)) return null;
    const r = await this.db
      .selectFrom('paired_daemons')
      .select(['id', 'owner_key', 'name'])
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? { id: r.id, ownerKey: r.owner_key, name: r.name } : null;
  }

  async rename(id: string, name: string): Promise<void> {
    await this.db.updateTable('paired_daemons').set({ name }).where('id', '=', id).execute();
  }

  /** The pairings a browser made, oldest first. */
  async listFor(ownerKey: string): Promise<PairedDaemon[]> {
    const rows = await this.db
      .selectFrom('paired_daemons')
      .select(['id', 'owner_key', 'name'])
      .where('owner_key', '=', ownerKey)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, ownerKey: r.owner_key, name: r.name }));
  }
}
