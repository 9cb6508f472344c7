/**
 * What one room and one web server allow, so a flood cannot fill the database or keep the daemon
 * busy checking lessons: students per room, rooms opened per client address and per server, and
 * joins per client address (rate-limiter-flexible in memory, per web server process, like the share
 * save limit).
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { WorkshopError } from './errors';

export const MAX_STUDENTS_PER_ROOM = 500;
export const ROOMS_PER_CLIENT_PER_HOUR = 10;
export const ROOMS_PER_SERVER_PER_HOUR = 200;
/**
 * Joins (tries included: a taken name counts) from one address a minute. A classroom often reaches
 * the server through one NAT address, so this is a class joining at once, not one person: 500
 * students (MAX_STUDENTS_PER_ROOM) get in within 9 minutes; a script guessing names or filling
 * rooms is slowed to this.
 */
export const JOINS_PER_CLIENT_PER_MINUTE = 60;

/** Takes one point from `key`; when none is left, a 'quota' error with the limit and when to retry. */
async function take(limiter: RateLimiterMemory, key: string, what: (retry: string) => string) {
  try {
    await limiter.consume(key, 1);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    const s = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    throw new WorkshopError('quota', what(s < 120 ? `${s} s` : `${Math.ceil(s / 60)} min`));
  }
}

export function createRoomLimiter() {
  const perClient = new RateLimiterMemory({ points: ROOMS_PER_CLIENT_PER_HOUR, duration: 3600 });
  const total = new RateLimiterMemory({ points: ROOMS_PER_SERVER_PER_HOUR, duration: 3600 });
  const rooms = (max: number, who: string) => (retry: string) =>
    `At most ${max} workshops an hour ${who}; try again in ${retry}.`;
  return {
    /** Resolves when `clientId` (its address; '' when unknown) may open another room. */
    async take(clientId: string): Promise<void> {
      if (clientId) await take(perClient, clientId, rooms(ROOMS_PER_CLIENT_PER_HOUR, 'from one address'));
      await take(total, 'all', rooms(ROOMS_PER_SERVER_PER_HOUR, 'on this server'));
    },
  };
}

export function createJoinLimiter() {
  const perClient = new RateLimiterMemory({ points: JOINS_PER_CLIENT_PER_MINUTE, duration: 60 });
  return {
    /** Resolves when `clientId` (its address; '' when unknown: not limited) may try another join. */
    async take(clientId: string): Promise<void> {
      if (!clientId) return;
      await take(
        perClient,
        clientId,
        (retry) =>
          `At most ${JOINS_PER_CLIENT_PER_MINUTE} joins a minute from one address; try again in ${retry}.`,
      );
    },
  };
}
