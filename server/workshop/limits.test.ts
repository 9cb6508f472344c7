/** Rooms and joins per address (and rooms per server): each address counts apart; the error says when to retry. */
import { describe, expect, it } from 'vitest';
import {
  createJoinLimiter,
  createRoomLimiter,
  JOINS_PER_CLIENT_PER_MINUTE,
  ROOMS_PER_CLIENT_PER_HOUR,
} from './limits';

describe('createRoomLimiter', () => {
  it('lets one address open ROOMS_PER_CLIENT_PER_HOUR rooms an hour, others still theirs', async () => {
    const limiter = createRoomLimiter();
    for (let i = 0; i < ROOMS_PER_CLIENT_PER_HOUR; i++) await limiter.take('10.0.0.1');
    await expect(limiter.take('10.0.0.1')).rejects.toMatchObject({
      kind: 'quota',
      message: expect.stringMatching(
        /^At most 10 workshops an hour from one address; try again in \d+ min\.$/,
      ),
    });
    await expect(limiter.take('10.0.0.2')).resolves.toBeUndefined();
  });
});

describe('createJoinLimiter', () => {
  it('lets one address try JOINS_PER_CLIENT_PER_MINUTE joins a minute, then says the limit and when to retry', async () => {
    const limiter = createJoinLimiter();
    for (let i = 0; i < JOINS_PER_CLIENT_PER_MINUTE; i++) await limiter.take('10.0.0.1');
    await expect(limiter.take('10.0.0.1')).rejects.toMatchObject({
      kind: 'quota',
      message: expect.stringMatching(/^At most 60 joins a minute from one address; try again in \d+ s\.$/),
    });
    await expect(limiter.take('10.0.0.2')).resolves.toBeUndefined();
  });

  it('does not count a caller whose address is unknown', async () => {
    const limiter = createJoinLimiter();
    for (let i = 0; i < JOINS_PER_CLIENT_PER_MINUTE; i++) await limiter.take('');
    await expect(limiter.take('')).resolves.toBeUndefined();
  });
});
