/**
 * The workshop's secrets: the teacher link's and each student's are random 256-bit values kept only
 * as sha256 (compared in constant time); a student's cookie is `<id>.<secret>.<mac>`, the mac an
 * HMAC-SHA256 under this server's workshop key, so a forged cookie is refused before any lookup.
 * The key is DUET_WORKSHOP_SECRET, or one made once and kept in the database (server_secrets), so
 * a restart, or another web server on the same PostgreSQL, accepts the same cookies.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { serverEnv } from '../env';
import { sha256Hex } from '../share/checksum';
import type { Database } from '../share/schema';

export { STUDENT_COOKIE } from './cookie-name';

export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Whether `secret` hashes to `kept` (sha256 hex), in constant time. */
export function secretMatches(secret: string, kept: string): boolean {
  const given = Buffer.from(sha256Hex(secret), 'hex');
  const want = Buffer.from(kept, 'hex');
  return given.length === want.length && timingSafeEqual(given, want);
}

const KEY_NAME = 'workshop-cookie-key';

/** The cookie key: the environment's, else the database's (made on first use). */
export async function cookieKey(db: Kysely<Database>): Promise<string> {
  const configured = serverEnv().DUET_WORKSHOP_SECRET;
  if (configured) return configured;
  const row = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', KEY_NAME)
    .executeTakeFirst();
  if (row) return row.value;
  // Two servers racing: one insert wins, both then read the winner's key.
  await db
    .insertInto('server_secrets')
    .values({ name: KEY_NAME, value: newSecret() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const made = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', KEY_NAME)
    .executeTakeFirstOrThrow();
  return made.value;
}

const mac = (key: string, body: string) => createHmac('sha256', key).update(body).digest('base64url');

export function signCookie(key: string, studentId: string, secret: string): string {
  const body = `${studentId}.${secret}`;
  return `${body}.${mac(key, body)}`;
}

/** The student id and secret of a well-signed cookie; null for anything else. */
export function readCookie(
  key: string,
  value: string | null | undefined,
): { id: string; secret: string } | null {
  const m = /^([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!m) return null;
  // The MAC's text, not its decoded bytes: the last of 43 base64url characters carries 2 bits the
  // decoder ignores, so comparing bytes would take four spellings of one cookie.
  const given = Buffer.from(m[3]!, 'latin1');
  const want = Buffer.from(mac(key, `${m[1]}.${m[2]}`), 'latin1');
  if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
  return { id: m[1]!, secret: m[2]! };
}
