import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { remoteError } from './remote-side';

describe('remoteError', () => {
  it('reports a fetch that never reached the web server as the web server being unreachable', () => {
    const e = TRPCClientError.from(new TypeError('Failed to fetch'));
    const err = remoteError(e);
    expect(err.kind).toBe('unreachable');
    expect(err.title).toBe('Web server unreachable');
    expect(err.hint).toMatch(/npm start/);
  });

  it('keeps the kind and hint the web server sent for a daemon fault', () => {
    const e = TRPCClientError.from({
      error: {
        message: 'cannot reach the Duet daemon',
        code: -32603,
        data: { code: 'BAD_GATEWAY', httpStatus: 502, duet: { kind: 'unreachable', hint: 'start it' } },
      },
    });
    const err = remoteError(e);
    expect(err.kind).toBe('unreachable');
    expect(err.hint).toBe('start it');
    expect(err.message).toBe('cannot reach the Duet daemon');
  });
});
