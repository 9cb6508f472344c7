/**
 * The pairing handshake: the first text messages on a daemon's WebSocket to a web server, before any
 * tunnel stream (daemon/connect/tunnel.ts). The daemon speaks first:
 *   {type:"pair", code, name}        a one-time code from the page → {type:"paired", id, secret}
 *   {type:"resume", id, secret, name} a secret from an earlier pairing → {type:"resumed", id}
 * Any other answer is {type:"refused", reason, message} and the web server closes the connection.
 */

/** Where a daemon dials in on the web server (scripts/web-server.mjs upgrades only this path). */
export const CONNECT_PATH = '/api/daemons/connect';

/** WebSocket close codes the web server uses (RFC 6455 §7.4.2: 4000–4999 are the application's). */
export const CLOSE = { REFUSED: 4001, REPLACED: 4002, PROTOCOL: 1002, UNAVAILABLE: 1011 } as const;

/** Longest a `name` may be (the rest is cut). */
export const MAX_NAME = 128;

export type Hello =
  | { type: 'pair'; code: string; name: string }
  | { type: 'resume'; id: string; secret: string; name: string };

export type Refusal = 'code' | 'secret' | 'protocol' | 'unavailable';

export type Answer =
  | { type: 'paired'; id: string; secret: string }
  | { type: 'resumed'; id: string }
  | { type: 'refused'; reason: Refusal; message: string };

const str = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;

/** A hello from a daemon, or null when it is not one (malformed JSON, missing fields, too long). */
export function parseHello(text: string): Hello | null {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!m || typeof m !== 'object') return null;
  // Control characters out: the name goes into log lines and the page, and must not forge either.
  const name =
    typeof m.name === 'string' && m.name.trim()
      ? m.name
          .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
          .trim()
          .slice(0, MAX_NAME)
      : 'a paired daemon';
  if (m.type === 'pair' && str(m.code, 32)) return { type: 'pair', code: m.code, name };
  if (m.type === 'resume' && str(m.id, 32) && str(m.secret, 128))
    return { type: 'resume', id: m.id, secret: m.secret, name };
  return null;
}

/** The web server's answer, or null when it is not one. */
export function parseAnswer(text: string): Answer | null {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!m || typeof m !== 'object') return null;
  if (m.type === 'paired' && str(m.id, 32) && str(m.secret, 128))
    return { type: 'paired', id: m.id, secret: m.secret };
  if (m.type === 'resumed' && str(m.id, 32)) return { type: 'resumed', id: m.id };
  if (m.type === 'refused' && typeof m.message === 'string')
    return { type: 'refused', reason: m.reason as Refusal, message: m.message.slice(0, 500) };
  return null;
}
