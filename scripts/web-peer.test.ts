/**
 * scripts/web-peer.mjs: the web server names each browser by its connection, whatever headers the
 * browser sends, so a client cannot choose the id the daemon's fair queue and rate limit key on.
 * Exercised through a real node:http server on loopback (the wrapper as scripts/web-server.mjs
 * uses it, around a handler that echoes what the app would read), then the app's reader.
 */
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clientIdFromHeaders } from '../server/trpc';
import {
  MAX_TRUSTED_PROXIES,
  PEER_HEADER,
  parseTrustProxy,
  peerAddress,
  withPeerHeader,
} from './web-peer.mjs';

let server: Server | null = null;
afterEach(() => {
  server?.close();
  server = null;
});

/** A server whose app answers with the peer it was given; resolves to its port. */
async function echoServer(trustedProxies: number): Promise<number> {
  server = createServer(
    withPeerHeader((req, res) => {
      res.end(String(req.headers[PEER_HEADER]));
    }, trustedProxies),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server!.address() as AddressInfo).port;
}

function get(port: number, headers: Record<string, string | string[]>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

const SPOOF = {
  'x-forwarded-for': '203.0.113.9, 198.51.100.2',
  'x-real-ip': '192.0.2.1',
  [PEER_HEADER]: 'chosen-by-client',
};

describe('web server: each request names its browser by the connection', () => {
  it('ignores X-Forwarded-For, X-Real-IP and a client-sent peer header when no proxy is trusted', async () => {
    const port = await echoServer(0);
    expect(await get(port, SPOOF)).toBe('127.0.0.1');
    expect(await get(port, {})).toBe('127.0.0.1');
  });

  it('behind N trusted proxies takes the X-Forwarded-For entry N hops back, never one further left', async () => {
    const one = await echoServer(1);
    // The proxy appended 198.51.100.2 (the address it saw); 203.0.113.9 is the client's own word.
    expect(await get(one, SPOOF)).toBe('198.51.100.2');
    // Several X-Forwarded-For headers read as one list, in order.
    expect(await get(one, { 'x-forwarded-for': ['203.0.113.9', '198.51.100.7'] })).toBe('198.51.100.7');
    // Reached without the proxy (no header): the connection.
    expect(await get(one, {})).toBe('127.0.0.1');
    server?.close();
    const two = await echoServer(2);
    expect(await get(two, SPOOF)).toBe('203.0.113.9');
  });

  it('reads an IPv4 peer on a dual-stack socket as plain IPv4 and bounds the length', () => {
    const req = (remoteAddress: string, xff?: string) =>
      ({ socket: { remoteAddress }, headers: xff ? { 'x-forwarded-for': xff } : {} }) as IncomingMessage;
    expect(peerAddress(req('::ffff:10.0.0.7'), 0)).toBe('10.0.0.7');
    expect(peerAddress(req('::1'), 0)).toBe('::1');
    expect(peerAddress(req('10.0.0.1', `${'9'.repeat(200)}`), 1)).toBe('10.0.0.1');
  });

  it('never takes a forwarded entry that is not an address (a client-written identity)', () => {
    const req = (remoteAddress: string, xff: string) =>
      ({ socket: { remoteAddress }, headers: { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;
    // One trusted proxy claimed but the client wrote the header itself (or a hop too many is trusted).
    expect(peerAddress(req('10.0.0.1', 'workshop:ABCD:s1'), 1)).toBe('10.0.0.1');
    expect(peerAddress(req('10.0.0.1', 'workshop:ABCD:s1, 198.51.100.4'), 2)).toBe('198.51.100.4');
    expect(peerAddress(req('10.0.0.1', '203.0.113.9, 198.51.100.4'), 2)).toBe('203.0.113.9');
    expect(peerAddress(req('10.0.0.1', '2001:db8::1'), 1)).toBe('2001:db8::1');
  });

  it('DUET_TRUST_PROXY is a small hop count; anything else is refused with what it must be', () => {
    expect(parseTrustProxy(undefined)).toBe(0);
    expect(parseTrustProxy(' ')).toBe(0);
    expect(parseTrustProxy('2')).toBe(2);
    for (const bad of ['true', '-1', '1.5', String(MAX_TRUSTED_PROXIES + 1)]) {
      expect(() => parseTrustProxy(bad)).toThrow(/DUET_TRUST_PROXY must be the number of reverse proxies/);
    }
  });

  it('the app reads the peer header, only behind this server, and nothing a client can set around it', () => {
    expect(clientIdFromHeaders(new Headers({ [PEER_HEADER]: '10.0.0.7' }), true)).toBe('10.0.0.7');
    expect(
      clientIdFromHeaders(new Headers({ 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '192.0.2.1' }), true),
    ).toBe('');
    // Under plain `next start` / `next dev` nothing replaces a client's own x-duet-peer.
    expect(clientIdFromHeaders(new Headers({ [PEER_HEADER]: 'chosen-by-client' }), false)).toBe('');
  });
});
