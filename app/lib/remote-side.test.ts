import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { fetchOutputs, remoteError, toRemoteSide } from './remote-side';

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

describe('toRemoteSide', () => {
  const out = {
    id: 'run-1',
    daemonRunId: 'd-1',
    daemon: { index: 1, url: 'http://127.0.0.1:7071' },
    backend: 'cpu',
    device: { name: 'cpu' },
    timings: {},
    translate: { ms: 1, cacheHit: false },
    serverRoundTripMs: 5,
    outputs: [],
  } as unknown as Parameters<typeof toRemoteSide>[0];

  it('records which daemon ran the run, and that the server picked it with auto', () => {
    const { extra } = toRemoteSide(out, {}, 7, 'auto');
    expect(extra).toMatchObject({ daemonIndex: 1, daemonUrl: 'http://127.0.0.1:7071', auto: true });
  });

  it('does not mark a run sent to a chosen daemon as auto', () => {
    const { extra } = toRemoteSide(out, {}, 7, 1);
    expect(extra.daemonIndex).toBe(1);
    expect(extra.auto).toBeUndefined();
  });
});

describe('fetchOutputs', () => {
  it('decodes inline outputs without a request', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 128]);
    const inline = btoa(String.fromCharCode(...bytes));
    const out = await fetchOutputs('run-1', [{ name: 'y', bytes: bytes.length, inline }]);
    expect(Array.from(out.y!)).toEqual(Array.from(bytes));
  });
});
