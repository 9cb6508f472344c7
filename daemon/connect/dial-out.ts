/**
 * The daemon's side of pairing (`duet daemon --connect URL [--pair CODE]`): it dials out to the web
 * server over a WebSocket, pairs with a one-time code or reconnects with the secret it kept
 * (daemon/connect/pairing-file.ts), then serves the web server's requests that arrive as tunnel
 * streams (daemon/connect/tunnel.ts) with its own request handler: its limits, fair queue and
 * sandbox apply as to any caller. A lost connection is dialled again with capped, jittered
 * exponential backoff; a refused code or secret, or an address that is no Duet web server, stops it
 * with a plain message instead.
 */
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { CLOSE, type Hello, parseAnswer } from './handshake';
import { defaultPairingFile, loadPairing, savePairing } from './pairing-file';
import { MAX_MESSAGE, Tunnel } from './tunnel';
import type { WebServerUrl } from './web-server-url';

export interface Backoff {
  baseMs: number;
  capMs: number;
}

/** Waits before redialling: base × 2^attempt, at most cap, each drawn from its upper half (jitter). */
export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, capMs: 30_000 };

/** The web server pings every 15 s (server/pairing/hub.ts PING_MS); this long without one, the link is dead. */
export const PING_SILENCE_MS = 40_000;

export function backoffDelay(attempt: number, b: Backoff, random = Math.random): number {
  const ceiling = Math.min(b.capMs, b.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Pairing cannot go on: a refused code or secret, or an address that is no Duet web server. */
export class PairingError extends Error {}

export interface DialOptions {
  server: WebServerUrl;
  /** A one-time code from the page; without one, the secret kept from an earlier pairing. */
  code?: string;
  /** How the page names this daemon. */
  name: string;
  /** Serves one tunnel stream as an HTTP connection (the daemon's tunnel server). */
  serve(stream: Duplex): void;
  pairingFile?: string;
  /** Extra CA certificate(s), PEM, for a web server with a self-signed certificate. */
  ca?: string;
  backoff?: Backoff;
  pingSilenceMs?: number;
  log(line: string): void;
}

export interface DialOut {
  /** Settles on the first pairing or reconnection; rejects with a PairingError when it cannot. */
  readonly connected: Promise<void>;
  /** Rejects with a PairingError when dialling stops for good; resolves after close(). */
  readonly done: Promise<void>;
  close(): void;
}

/** Why a connection attempt failed, in words, and whether trying again cannot help. */
function describeFailure(e: Error | undefined, s: WebServerUrl): { why: string; hopeless: boolean } {
  const msg = e?.message ?? 'the connection closed';
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? '';
  const status = /Unexpected server response: (\d+)/.exec(msg)?.[1];
  if (status)
    return {
      why: `${s.origin} answered HTTP ${status} where a Duet web server takes daemons: is it the address of the page, served by \`npm start\`?`,
      hopeless: true,
    };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { why: `no host ${new URL(s.origin).hostname} (${code})`, hopeless: true };
  if (code === 'ECONNREFUSED')
    return { why: `nothing listens at ${s.origin} (connection refused)`, hopeless: false };
  if (s.secure && /EPROTO|SSL|TLS|wrong version/i.test(`${code} ${msg}`))
    return {
      why: `the TLS handshake with ${s.origin} failed (${code || msg}): a web server on plain http needs an http:// address`,
      hopeless: true,
    };
  if (/certificate|CERT_/i.test(`${code} ${msg}`))
    return {
      why: `${s.origin}'s TLS certificate is not trusted (${msg}); NODE_EXTRA_CA_CERTS adds a CA`,
      hopeless: true,
    };
  return { why: `${msg}${code && !msg.includes(code) ? ` (${code})` : ''}`, hopeless: false };
}

export function dialOut(opts: DialOptions): DialOut {
  const file = opts.pairingFile ?? defaultPairingFile();
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const { server } = opts;
  let code = opts.code;
  let stopped = false;
  let everConnected = false;
  let attempt = 0;
  let current: WebSocket | null = null;
  let redial: NodeJS.Timeout | undefined;
  let settleConnected: { resolve(): void; reject(e: Error): void };
  let settleDone: { resolve(): void; reject(e: Error): void };
  const connected = new Promise<void>((resolve, reject) => {
    settleConnected = { resolve, reject };
  });
  const done = new Promise<void>((resolve, reject) => {
    settleDone = { resolve, reject };
  });
  // Whoever awaits only one of them must not leave the other an unhandled rejection.
  connected.catch(() => {});
  done.catch(() => {});
  const fail = (message: string) => {
    if (stopped) return;
    stopped = true;
    clearTimeout(redial);
    const e = new PairingError(message);
    settleConnected.reject(e);
    settleDone.reject(e);
    current?.close(1000);
  };

  const hello = (): Hello | null => {
    if (code) return { type: 'pair', code, name: opts.name };
    const kept = loadPairing(server.origin, file);
    return kept ? { type: 'resume', id: kept.id, secret: kept.secret, name: opts.name } : null;
  };

  const schedule = (why: string) => {
    const ms = backoffDelay(attempt++, backoff);
    opts.log(`${why}; trying ${server.origin} again in ${(ms / 1000).toFixed(1)} s`);
    redial = setTimeout(dial, ms);
  };

  function dial(): unknown {
    if (stopped) return;
    const h = hello();
    if (!h)
      return fail(
        `this daemon is not paired with ${server.origin}: open its page, Remote → Add your own GPU…, and start the daemon with the command shown there (--pair CODE)`,
      );
    const ws = new WebSocket(server.socketUrl, {
      maxPayload: MAX_MESSAGE,
      handshakeTimeout: 15_000,
      perMessageDeflate: false,
      ...(opts.ca ? { ca: opts.ca } : {}),
    });
    current = ws;
    let answered = false;
    let lastError: Error | undefined;
    let tunnel: Tunnel | null = null;
    let silence: NodeJS.Timeout | undefined;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => ws.terminate(), opts.pingSilenceMs ?? PING_SILENCE_MS);
    };
    ws.on('open', () => {
      heard();
      ws.send(JSON.stringify(h));
    });
    ws.on('ping', heard);
    ws.on('error', (e) => {
      lastError = e;
    });
    ws.on('message', (data, isBinary) => {
      heard();
      if (answered) {
        if (isBinary && tunnel && Buffer.isBuffer(data)) tunnel.receive(data);
        return;
      }
      answered = true;
      const a = isBinary ? null : parseAnswer(data.toString());
      if (!a)
        return fail(
          `${server.origin} answered the pairing hello with something else: is it a Duet web server of the same version?`,
        );
      if (a.type === 'refused') {
        if (a.reason === 'unavailable') {
          lastError = new Error(a.message);
          return;
        }
        if (a.reason === 'secret') savePairing(server.origin, null, file);
        return fail(`${server.origin} refused this daemon: ${a.message}`);
      }
      if (a.type === 'paired') {
        savePairing(server.origin, { id: a.id, secret: a.secret }, file);
        code = undefined; // used up: from now on the secret
        opts.log(
          `paired with ${server.origin} as daemon ${a.id}; its secret is kept in ${file} for reconnects`,
        );
      } else opts.log(`connected to ${server.origin} as daemon ${a.id}`);
      everConnected = true;
      attempt = 0;
      tunnel = new Tunnel(ws, opts.serve);
      settleConnected.resolve();
    });
    ws.on('close', (closeCode, reason) => {
      clearTimeout(silence);
      tunnel?.close(new Error('the connection to the web server closed'));
      if (stopped) return;
      // Two daemons with one pairing (a copied pairings.json) would take turns replacing each other.
      if (closeCode === CLOSE.REPLACED)
        return fail(`another daemon with this pairing connected to ${server.origin}; this one stops`);
      if (tunnel)
        return schedule(
          `lost the connection to ${server.origin} (${reason.toString() || `code ${closeCode}`})`,
        );
      const f = describeFailure(lastError, server);
      // Before the first connection, a wrong address or a code that cannot be tried is the operator's to fix.
      if (!everConnected && (f.hopeless || code)) return fail(`cannot connect to ${server.origin}: ${f.why}`);
      schedule(`cannot connect to ${server.origin}: ${f.why}`);
    });
  }

  dial();
  return {
    connected,
    done,
    close() {
      if (stopped) return;
      stopped = true;
      clearTimeout(redial);
      current?.close(1001, 'the daemon is stopping');
      settleConnected.reject(new PairingError('stopped'));
      settleDone.resolve();
    },
  };
}
