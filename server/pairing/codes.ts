/**
 * One-time pairing codes: the page asks for one ("Add your own GPU…"), the GPU host gives it to
 * `duet daemon --connect URL --pair CODE`. Random (node:crypto), single use, short-lived, and kept
 * only as hashes in memory: a code is worth something for PAIRING_CODE_TTL_MS and to one daemon.
 */
import { createHash, randomInt } from 'node:crypto';

export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;
/** Codes one browser may have outstanding at once (older ones are dropped). */
export const MAX_CODES_PER_OWNER = 4;
/** Codes outstanding in all: bounds the memory a flood of requests can take. */
export const MAX_CODES = 10_000;

/** Crockford's base32 digits: no I, L, O, U, so a code read aloud or retyped survives. */
const DIGITS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 10 digits × 5 bits = 50 bits: out of reach of guessing within a code's 10 minutes. */
const CODE_DIGITS = 10;

/** A code as people write it (case, dashes, spaces, the look-alikes I/L/O) in its one form. */
export function normalizeCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** `n` random Crockford base32 digits (node:crypto): pairing codes, workshop join codes. */
export function randomDigits(n: number): string {
  let digits = '';
  for (let i = 0; i < n; i++) digits += DIGITS[randomInt(DIGITS.length)];
  return digits;
}

const hash = (code: string) => createHash('sha256').update(normalizeCode(code)).digest('hex');

export interface IssuedCode {
  /** Shown as XXXXX-XXXXX. */
  code: string;
  expiresAt: number;
}

export class PairingCodes {
  /** hash of the code → who asked for it and until when. Map order is issue order. */
  private readonly codes = new Map<string, { owner: string; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = PAIRING_CODE_TTL_MS,
  ) {}

  issue(owner: string): IssuedCode {
    this.sweep();
    const mine = [...this.codes].filter(([, c]) => c.owner === owner);
    for (const [h] of mine.slice(0, Math.max(0, mine.length - MAX_CODES_PER_OWNER + 1))) this.codes.delete(h);
    while (this.codes.size >= MAX_CODES) this.codes.delete(this.codes.keys().next().value as string);
    const digits = randomDigits(CODE_DIGITS);
    const code = `${digits.slice(0, 5)}-${digits.slice(5)}`;
    const expiresAt = this.now() + this.ttlMs;
    this.codes.set(hash(code), { owner, expiresAt });
    return { code, expiresAt };
  }

  /** The owner of a live code, which is used up by this call; null when wrong, used or expired. */
  redeem(code: string): string | null {
    const h = hash(code);
    const entry = this.codes.get(h);
    this.codes.delete(h);
    if (!entry || entry.expiresAt <= this.now()) return null;
    return entry.owner;
  }

  get size(): number {
    return this.codes.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [h, c] of this.codes) if (c.expiresAt <= now) this.codes.delete(h);
  }
}
