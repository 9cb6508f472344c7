import { describe, expect, it } from 'vitest';
import { MAX_CODES_PER_OWNER, normalizeCode, PAIRING_CODE_TTL_MS, PairingCodes } from './codes';

describe('pairing codes', () => {
  it('issues random codes of 10 base32 digits, one owner per code', () => {
    const codes = new PairingCodes();
    const a = codes.issue('owner-a');
    const b = codes.issue('owner-b');
    expect(a.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(a.code).not.toBe(b.code);
    expect(codes.redeem(b.code)).toBe('owner-b');
    expect(codes.redeem(a.code)).toBe('owner-a');
  });

  it('is single use: a code redeemed once is refused after', () => {
    const codes = new PairingCodes();
    const { code } = codes.issue('owner');
    expect(codes.redeem(code)).toBe('owner');
    expect(codes.redeem(code)).toBeNull();
  });

  it('expires after its time to live', () => {
    let now = 1_000_000;
    const codes = new PairingCodes(() => now);
    const { code, expiresAt } = codes.issue('owner');
    expect(expiresAt).toBe(now + PAIRING_CODE_TTL_MS);
    now = expiresAt;
    expect(codes.redeem(code)).toBeNull();
  });

  it('takes a code typed in lower case, without the dash, or with look-alike letters', () => {
    const codes = new PairingCodes();
    const { code } = codes.issue('owner');
    expect(codes.redeem(code.toLowerCase().replace('-', ' '))).toBe('owner');
    expect(normalizeCode('o1l-i0')).toBe('01110');
  });

  it('refuses a code it never issued', () => {
    const codes = new PairingCodes();
    codes.issue('owner');
    expect(codes.redeem('00000-00000')).toBeNull();
    expect(codes.redeem('')).toBeNull();
  });

  it('keeps at most a few outstanding codes per browser, dropping the oldest', () => {
    const codes = new PairingCodes();
    const issued = Array.from({ length: MAX_CODES_PER_OWNER + 2 }, () => codes.issue('owner').code);
    expect(codes.size).toBe(MAX_CODES_PER_OWNER);
    expect(codes.redeem(issued[0]!)).toBeNull();
    expect(codes.redeem(issued.at(-1)!)).toBe('owner');
  });
});
