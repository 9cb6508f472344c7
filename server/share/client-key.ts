/**
 * Who is saving, for the save rate limit: a random id the page keeps in a cookie (`duet_client`),
 * hashed before use. Never the IP address, and never stored — the limiter lives in memory.
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

/** Reads the cookie of the request being handled (Next.js route handlers); null outside one. */
export async function requestClientKey(): Promise<string | null> {
  try {
    const { cookies } = await import('next/headers');
    return clientKeyOf((await cookies()).get(CLIENT_COOKIE)?.value);
  } catch {
    return null;
  }
}
