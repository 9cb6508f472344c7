/**
 * tRPC server setup: one instance, a context without per-request state, and an error shape that
 * carries the typed details the page needs to show a designed error state (how to fix, field paths,
 * translator diagnostics) instead of a bare message.
 */
import { initTRPC } from '@trpc/server';
import { PEER_FROM_SOCKET_ENV, serverEnv } from './env';
import { type ErrorDetails, errorDetailsOf } from './error-details';
import { CLIENT_COOKIE, clientKeyOf } from './share/client-key';
import { STUDENT_COOKIE } from './workshop/cookie-name';

export interface Context {
  /**
   * Who is asking, as the daemon's fair queue and rate limiter should see it: the browser's address
   * (many students behind one web server still share the GPU fairly). Empty when unknown.
   */
  clientId: string;
  /**
   * Which browser is asking, by the random id it keeps in its cookie (hashed, server/share/client-key.ts):
   * what paired daemons belong to (server/pairing/). Null or absent without that cookie.
   */
  ownerKey?: string | null;
  /** The workshop student cookie (server/workshop/secrets.ts), unverified; null or absent without one. */
  workshopCookie?: string | null;
  /** The response's headers: where workshop.join sets the student cookie. Absent in server-side callers. */
  resHeaders?: Headers;
}

/** What the context reads of a request's headers: a fetch Headers, or node:http's seen through `get`. */
export type HeaderSource = Pick<Headers, 'get'>;

/** A cookie's value in a request's Cookie header, or undefined. */
export function cookieFromHeaders(headers: HeaderSource, name: string): string | undefined {
  return (headers.get('cookie') ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

/** The hashed `duet_client` cookie of a request, or null. */
export function ownerKeyFromHeaders(headers: HeaderSource): string | null {
  return clientKeyOf(cookieFromHeaders(headers, CLIENT_COOKIE));
}

/**
 * Set by scripts/web-server.mjs from the connection on every request (its PEER_HEADER; the client's
 * own value under that name is replaced). Not X-Forwarded-For: Next passes on whatever a client
 * puts there, so it would let any browser choose its id and slip past the per-client limits.
 * Read only when that server runs the app (it sets PEER_FROM_SOCKET_ENV before loading Next): under
 * plain `next start` / `next dev` nothing replaces a client's own header, so there every browser is
 * one client.
 */
const PEER_HEADER = 'x-duet-peer';

export function clientIdFromHeaders(
  headers: HeaderSource,
  peerFromSocket = serverEnv()[PEER_FROM_SOCKET_ENV] === '1',
): string {
  if (!peerFromSocket) return '';
  return (headers.get(PEER_HEADER)?.trim() ?? '').slice(0, 64);
}

export function createContext(opts?: { req: { headers: HeaderSource }; resHeaders?: Headers }): Context {
  if (!opts) return { clientId: '', ownerKey: null };
  return {
    clientId: clientIdFromHeaders(opts.req.headers),
    ownerKey: ownerKeyFromHeaders(opts.req.headers),
    workshopCookie: cookieFromHeaders(opts.req.headers, STUDENT_COOKIE) ?? null,
    ...(opts.resHeaders ? { resHeaders: opts.resHeaders } : {}),
  };
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const details: ErrorDetails | null = errorDetailsOf(error.cause);
    return { ...shape, data: { ...shape.data, stack: undefined, duet: details } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
