/**
 * Bearer-token authentication. Tokens are compared through their SHA-256 digests with
 * timingSafeEqual: equal-length inputs, so neither the content nor the length of the real token
 * leaks through response timing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** Returns a checker for `Authorization` header values against `token`. */
export function bearerChecker(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(token);
  return (authorization) => {
    const m = /^Bearer (.+)$/i.exec(authorization ?? '');
    const given = digest(m ? m[1]!.trim() : '');
    // Always compare, even when the header is absent, so every rejection takes the same path.
    return timingSafeEqual(given, expected) && m !== null;
  };
}
