/**
 * What one room and one web server allow, so a flood cannot fill the database or keep the daemon
 * busy checking lessons: students per room, and rooms opened per client address and per server
 * (rate-limiter-flexible in memory, per web server process, like the share save limit).
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { WorkshopError } from './errors';

export const MAX_STUDENTS_PER_ROOM = 500;
export const ROOMS_PER_CLIENT_PER_HOUR = 10;
export const ROOMS_PER_SERVER_PER_HOUR = 200;

export function createRoomLimiter() {
  const perClient = new RateLimiterMemory({ points: ROOMS_PER_CLIENT_PER_HOUR, duration: 3600 });
  const total = new RateLimiterMemory({ points: ROOMS_PER_SERVER_PER_HOUR, duration: 3600 });
  const take = async (limiter: RateLimiterMemory, key: string, max: number, who: string) => {
    try {
      await limiter.consume(key, 1);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      const minutes = Math.max(1, Math.ceil(e.msBeforeNext / 60_000));
      throw new WorkshopError(
        'quota',
        `At most ${max} workshops an hour ${who}; try again in ${minutes} min.`,
      );
    }
  };
  return {
    /** Resolves when `clientId` (its address; '' when unknown) may open another room. */
    async take(clientId: string): Promise<void> {
      if (clientId) await take(perClient, clientId, ROOMS_PER_CLIENT_PER_HOUR, 'from one address');
      await take(total, 'all', ROOMS_PER_SERVER_PER_HOUR, 'on this server');
    },
  };
}
