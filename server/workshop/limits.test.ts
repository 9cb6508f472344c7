/** Rooms per address and per server: the limit counts each address apart and says when to retry. */
import { describe, expect, it } from 'vitest';
import { createRoomLimiter, ROOMS_PER_CLIENT_PER_HOUR } from './limits';

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
