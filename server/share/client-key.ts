/**
 * Who is saving, for the save rate limit: a random id the page keeps in a cookie (`duet_client`),
 * hashed before use (server/trpc.ts puts it in every request's context as `ownerKey`, on Next's
 * route and on scripts/web-server.mjs's own path alike). Never the IP address, and never stored —
 * the limiter lives in memory.
 */
import { createHash } from 'node:crypto';
import { CLIENT_COOKIE } from './client-key-name';

export { CLIENT_COOKIE };

const CLIENT_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** The limiter key for a cookie value; null when it is missing or malformed. */
export function clientKeyOf(cookieValue: string | undefined | null): string | null {
  if (!cookieValue || !CLIENT_ID.test(cookieValue)) return null;
  return createHash('sha256').update(cookieValue).digest('base64url').slice(0, 22);
}
