/**
 * Share ids: 128 random bits as 22 base64url characters — unguessable, URL-safe, short enough to read
 * out in a workshop. Uses Web Crypto so the same code runs in Node and the browser.
 */
export const SHARE_ID_BYTES = 16;
export const SHARE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

export function newShareId(): string {
  const bytes = new Uint8Array(SHARE_ID_BYTES);
  globalThis.crypto.getRandomValues(bytes);
  return base64url(bytes);
}

export function isShareId(id: string): boolean {
  return SHARE_ID_PATTERN.test(id);
}
