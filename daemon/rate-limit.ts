/**
 * Runs per client per minute, through rate-limiter-flexible's in-memory limiter (the daemon is one
 * process; nothing to share between instances).
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export type RateDecision = { ok: true } | { ok: false; retryAfterS: number; used: number };

export interface RunRateLimiter {
  take(clientId: string): Promise<RateDecision>;
}

export function createRunRateLimiter(perMinute: number): RunRateLimiter {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return {
    async take(clientId) {
      try {
        await limiter.consume(clientId, 1);
        return { ok: true };
      } catch (e) {
        // The limiter rejects with a RateLimiterRes when the client is out of points; anything
        // else is a real error and must not be mistaken for "too many runs".
        if (!(e instanceof RateLimiterRes)) throw e;
        return {
          ok: false,
          retryAfterS: Math.max(1, Math.ceil(e.msBeforeNext / 1000)),
          used: e.consumedPoints,
        };
      }
    },
  };
}
