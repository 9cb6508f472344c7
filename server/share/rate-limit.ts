/**
 * Saves per client (by cookie key) and, as a backstop for clients without one, for the whole server.
 * rate-limiter-flexible in memory: per web server process, like the daemon's run limit.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ShareError } from './errors';

export interface SaveLimits {
  perClient: number;
  perClientWindowS: number;
  /** Shared by every client without a cookie key. */
  anonymous: number;
  total: number;
  totalWindowS: number;
}

export const DEFAULT_SAVE_LIMITS: SaveLimits = {
  perClient: 20,
  perClientWindowS: 600,
  anonymous: 20,
  total: 600,
  totalWindowS: 3600,
};

export interface SaveLimiter {
  /** Resolves when a save may go ahead; throws ShareError('rate-limited') otherwise. */
  take(clientKey: string | null): Promise<void>;
}

async function consume(limiter: RateLimiterMemory, key: string, what: string, max: number, windowS: number) {
  try {
    await limiter.consume(key, 1);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    const retryAfterS = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    throw new ShareError(
      'rate-limited',
      `Too many shared runs ${what}: at most ${max} every ${Math.round(windowS / 60)} min. Try again in ${retryAfterS} s.`,
      { retryAfterS, limit: { name: 'savesPerClient', value: e.consumedPoints, max } },
    );
  }
}

export function createSaveLimiter(limits: SaveLimits = DEFAULT_SAVE_LIMITS): SaveLimiter {
  const perClient = new RateLimiterMemory({ points: limits.perClient, duration: limits.perClientWindowS });
  const anonymous = new RateLimiterMemory({ points: limits.anonymous, duration: limits.perClientWindowS });
  const total = new RateLimiterMemory({ points: limits.total, duration: limits.totalWindowS });
  return {
    async take(clientKey) {
      if (clientKey)
        await consume(perClient, clientKey, 'from this browser', limits.perClient, limits.perClientWindowS);
      else
        await consume(
          anonymous,
          'anonymous',
          'from browsers without cookies',
          limits.anonymous,
          limits.perClientWindowS,
        );
      await consume(total, 'all', 'on this server', limits.total, limits.totalWindowS);
    },
  };
}
