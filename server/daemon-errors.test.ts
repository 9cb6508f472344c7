import { Agent } from 'node:http';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { describe, expect, it } from 'vitest';
import { DaemonError } from '#daemon-client';
import { configuredDaemons } from './daemon-config';
import { toTrpcError } from './daemon-errors';
import { parseServerEnv } from './env';
import { errorDetailsOf } from './error-details';

const daemon = { index: 0, url: 'http://127.0.0.1:7071', token: 't', fromEnv: true };

describe('toTrpcError', () => {
  it('says for a paired daemon what happened to its connection, and how to bring it back', () => {
    const paired = {
      index: 1000,
      url: 'paired:gpu-box (cuda)',
      token: '',
      fromEnv: false,
      paired: { id: 'p1', name: 'gpu-box (cuda)', agent: new Agent(), offline: false },
    };
    const cut = new DaemonError(
      'unreachable',
      'the connection to the Duet daemon at paired:gpu-box (cuda) broke during the run: the paired daemon "gpu-box (cuda)" disconnected from this web server',
    );
    const hint = errorDetailsOf(toTrpcError(cut, paired).cause)?.hint ?? '';
    expect(hint).toMatch(
      /^The connection .* disconnected from this web server\. On its host, .*npx duet daemon --connect/,
    );
    expect(hint).not.toContain('DUET_DAEMONS');
  });

  it('answers no daemon error with HTTP 408, which browsers resend by themselves', () => {
    const kinds: DaemonError['kind'][] = [
      'unreachable',
      'unauthorized',
      'invalid',
      'limit',
      'translate',
      'busy',
      'timeout',
      'cancelled',
      'run',
      'protocol',
    ];
    for (const kind of kinds) {
      const e = toTrpcError(new DaemonError(kind, 'x'), daemon);
      expect(getHTTPStatusCodeFromError(e), kind).not.toBe(408);
    }
    const limit = toTrpcError(new DaemonError('timeout', 'time limit exceeded after 2 s'), daemon);
    expect(getHTTPStatusCodeFromError(limit)).toBe(422);
    expect(errorDetailsOf(limit.cause)?.kind).toBe('timeout');
  });

  it('says how to start an unreachable daemon, on its port', () => {
    const e = toTrpcError(new DaemonError('unreachable', 'cannot reach'), daemon);
    expect(e.code).toBe('SERVICE_UNAVAILABLE');
    const details = errorDetailsOf(e.cause);
    expect(details?.kind).toBe('unreachable');
    expect(details?.hint).toContain('npx duet daemon --port 7071');
    expect(details?.hint).toContain('npm start');
  });

  it('keeps translator diagnostics with line:col', () => {
    const diagnostics = [
      { file: 'k.wgsl', line: 3, col: 7, severity: 'error' as const, message: 'expected ;' },
    ];
    const e = toTrpcError(
      new DaemonError('translate', 'does not translate', { status: 422, diagnostics }),
      daemon,
    );
    expect(e.code).toBe('UNPROCESSABLE_CONTENT');
    expect(errorDetailsOf(e.cause)?.diagnostics).toEqual([
      { line: 3, col: 7, severity: 'error', message: 'expected ;' },
    ]);
  });

  it('keeps workload issue paths', () => {
    const issues = [{ path: 'bindings[1].length', message: 'too big' }];
    const e = toTrpcError(new DaemonError('invalid', 'invalid', { status: 400, issues }), daemon);
    expect(e.code).toBe('BAD_REQUEST');
    expect(errorDetailsOf(e.cause)?.issues).toEqual(issues);
  });

  it('names the limit that was exceeded', () => {
    const e = toTrpcError(
      new DaemonError('limit', 'too big', { limit: { name: 'maxBufferBytes', value: 9, max: 4 } }),
      daemon,
    );
    expect(e.code).toBe('PAYLOAD_TOO_LARGE');
    expect(errorDetailsOf(e.cause)?.hint).toContain('maxBufferBytes: 9 > 4');
    expect(errorDetailsOf(e.cause)?.limit).toEqual({ name: 'maxBufferBytes', value: 9, max: 4 });
  });

  it('makes every 429 "busy" with its limit and Retry-After: rate limit and full queue', () => {
    const rate = toTrpcError(
      new DaemonError('limit', 'too many', {
        status: 429,
        retryAfterS: 42,
        limit: { name: 'maxRunsPerClientPerMinute', value: 2, max: 1 },
      }),
      daemon,
    );
    expect(rate.code).toBe('TOO_MANY_REQUESTS');
    const details = errorDetailsOf(rate.cause);
    expect(details).toMatchObject({ kind: 'busy', retryAfterS: 42 });
    expect(details?.limit?.name).toBe('maxRunsPerClientPerMinute');
    expect(details?.hint).toContain('sent the daemon more than 1 run in a minute');
    const queue = toTrpcError(
      new DaemonError('busy', 'queue full', {
        status: 429,
        retryAfterS: 3,
        limit: { name: 'maxQueueLength', value: 16, max: 16 },
      }),
      daemon,
    );
    expect(errorDetailsOf(queue.cause)?.hint).toContain('queue is full (16 runs waiting; maxQueueLength 16)');
  });

  it('wraps unexpected errors without losing the message', () => {
    const e = toTrpcError(new Error('boom'), daemon);
    expect(e.code).toBe('INTERNAL_SERVER_ERROR');
    expect(e.message).toContain('boom');
  });
});

describe('configuredDaemons', () => {
  it('reads DUET_DAEMONS and DUET_TOKEN', () => {
    const list = configuredDaemons(
      parseServerEnv({ DUET_DAEMONS: 'http://a:1/, http://b:2', DUET_TOKEN: 'tok' }),
    );
    expect(list.map((d) => d.url)).toEqual(['http://a:1', 'http://b:2']);
    expect(list.every((d) => d.token === 'tok' && d.fromEnv)).toBe(true);
  });

  it('falls back to the default daemon address', () => {
    const list = configuredDaemons(parseServerEnv({}));
    expect(list).toHaveLength(1);
    expect(list[0]!.fromEnv).toBe(false);
  });
});
