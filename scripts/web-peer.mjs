/**
 * Which browser sent a request, as the web app tells the daemon (server/trpc.ts → `X-Duet-Client:
 * web:<address>`), so the daemon's fair queue and per-client rate limit hold each browser in a
 * workshop to its share.
 *
 * The address must come from the connection, not from what the client says: under `next start` the
 * app sees a browser's address only through `X-Forwarded-For`, and Next keeps that header as the
 * client sent it (it fills it from the socket only when absent), so any client could pick a fresh
 * id per request and slip past the rate limit and the queue's turn order. scripts/web-server.mjs
 * puts Next's request handler behind a plain node:http server and, through `withPeerHeader`, sets
 * PEER_HEADER from the socket on every request (dropping any such header the client sent).
 *
 * Behind reverse proxies (DUET_TRUST_PROXY=N): each proxy appends the address it saw to
 * X-Forwarded-For, so the N-th entry from the right is the one the outermost trusted proxy saw; the
 * entries left of it are the client's own word. As Express's `trust proxy` with a hop count.
 */
import { isIP } from 'node:net';

/** The request header carrying the peer address to the app; server/trpc.ts reads it. */
export const PEER_HEADER = 'x-duet-peer';

/** The most proxies DUET_TRUST_PROXY may name (a deployment with more is not one Duet expects). */
export const MAX_TRUSTED_PROXIES = 8;

/**
 * DUET_TRUST_PROXY as a hop count: unset or empty is 0 (browsers connect directly).
 * @param {string | undefined} text
 * @returns {number}
 */
export function parseTrustProxy(text) {
  if (text === undefined || text.trim() === '') return 0;
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 0 || n > MAX_TRUSTED_PROXIES) {
    throw new Error(
      `DUET_TRUST_PROXY must be the number of reverse proxies in front of the web app, 0 to ${MAX_TRUSTED_PROXIES} (got ${JSON.stringify(text)})`,
    );
  }
  return n;
}

/** `::ffff:10.0.0.7` (an IPv4 client on a dual-stack socket) reads as `10.0.0.7`. */
function plainAddress(address) {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * The address of the browser behind `req`: the socket's peer, or with `trustedProxies` N the
 * X-Forwarded-For entry N hops back (the leftmost address there is when the chain is shorter).
 * @param {import('node:http').IncomingMessage} req
 * @param {number} trustedProxies
 * @returns {string}
 */
export function peerAddress(req, trustedProxies) {
  const chain = [req.socket.remoteAddress ?? ''];
  if (trustedProxies > 0) {
    const forwarded = req.headers['x-forwarded-for'];
    const text = Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '');
    const entries = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .reverse();
    // Walked from the right, it ends at the first entry that is not an address: a misconfigured hop
    // count or a client reaching the server directly must not let a client-written string (such as
    // `workshop:<code>:<student>`) become its identity.
    for (const entry of entries) {
      if (!isIP(entry)) break;
      chain.push(entry);
    }
  }
  return plainAddress(chain[Math.min(trustedProxies, chain.length - 1)]).slice(0, 64);
}

/**
 * `handle` with PEER_HEADER set on every request from the connection (any value the client sent
 * under that name is replaced).
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown} handle
 * @param {number} trustedProxies
 */
export function withPeerHeader(handle, trustedProxies) {
  return (req, res) => {
    req.headers[PEER_HEADER] = peerAddress(req, trustedProxies);
    return handle(req, res);
  };
}
