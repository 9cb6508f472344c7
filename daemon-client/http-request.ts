/**
 * The daemon client's HTTP transport: node:http / node:https with keep-alive agents, not fetch.
 * Measured on the 2-core VM (bench/, same run): a loopback GET round trip 0.34 ms against fetch's
 * 0.50 ms, and response bodies arrive as Buffers straight from the socket, where undici's fetch
 * copies every byte through its WebAssembly HTTP parser and a WHATWG stream first; for a 256 MiB
 * output that copy is a large share of the download.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface TransportTarget {
  url: string;
  /** Extra CA certificate(s), PEM, for a daemon with a self-signed certificate (else NODE_EXTRA_CA_CERTS). */
  ca?: string;
  /**
   * A paired daemon's tunnel (server/pairing/tunnel-agent.ts): connections run through it, and `url`
   * only names the daemon in messages.
   */
  agent?: HttpAgent;
}

/** Where requests through a tunnel agent go: the agent, not DNS, decides (RFC 2606 `.invalid`). */
const TUNNEL_ORIGIN = 'http://paired.invalid';

export interface RequestOptions {
  method: 'GET' | 'POST' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** How long the socket may sit silent before the answer's headers (default NO_ANSWER_MS). */
  noAnswerMs?: number;
}

/**
 * A daemon that accepts connections but never answers (stopped with Ctrl-Z or a debugger, or not a
 * daemon at all) would otherwise hold a caller forever: the kernel completes the TCP handshake for
 * a stopped process. The daemon answers a run's headers after admission: translation (milliseconds)
 * and, on a fresh daemon, a wait for its executor to come up (at most its start timeout + 5 s, 35 s
 * by default, `readyWaitMs` in daemon/daemon.ts), so a minute of silence before them means something
 * is wrong. An upload that is still moving keeps the socket busy and never trips it. Once the answer
 * has begun, heartbeats bound the silence instead (daemon-client/stream.ts, STREAM_SILENCE_MS).
 */
export const NO_ANSWER_MS = 60_000;

/** Network failure before any response: the caller turns it into "unreachable" (code: ECONNREFUSED, …). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgents = new Map<string, HttpsAgent>();

function httpsAgent(ca: string | undefined): HttpsAgent {
  const key = ca ?? '';
  let agent = httpsAgents.get(key);
  if (!agent) {
    agent = new HttpsAgent({ keepAlive: true, ...(ca ? { ca } : {}) });
    httpsAgents.set(key, agent);
  }
  return agent;
}

/**
 * Sends one request and resolves with the response once its headers are in; the body is the
 * IncomingMessage stream. A request that fails on a reused keep-alive socket before any answer
 * (the server closed the idle connection as we picked it up) is retried once on a fresh socket:
 * node's documented remedy (http.ClientRequest `reusedSocket`), safe because nothing reached the
 * daemon's handler.
 */
export function sendRequest(
  target: TransportTarget,
  path: string,
  opts: RequestOptions,
): Promise<IncomingMessage> {
  return attempt(target, path, opts, true);
}

function attempt(
  target: TransportTarget,
  path: string,
  opts: RequestOptions,
  mayRetry: boolean,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL((target.agent ? TUNNEL_ORIGIN : target.url.replace(/\/+$/, '')) + path);
    } catch {
      reject(new TransportError(`"${target.url}" is not a URL`, 'EINVALIDURL'));
      return;
    }
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') {
      reject(new TransportError(`"${target.url}" is not an http(s) URL`, 'EINVALIDURL'));
      return;
    }
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(opts.body));
    const make = secure ? httpsRequest : httpRequest;
    const req = make(url, {
      method: opts.method,
      headers,
      agent: target.agent ?? (secure ? httpsAgent(target.ca) : httpAgent),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    req.setNoDelay(true);
    const noAnswerMs = opts.noAnswerMs ?? NO_ANSWER_MS;
    req.setTimeout(noAnswerMs, () => {
      req.destroy(
        new TransportError(
          `no answer within ${noAnswerMs / 1000} s although the connection was accepted`,
          'ENOANSWER',
        ),
      );
    });
    req.once('response', (res) => {
      req.setTimeout(0);
      resolve(res);
    });
    req.once('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? e.name ?? 'ERROR';
      if (
        mayRetry &&
        req.reusedSocket &&
        (code === 'ECONNRESET' || code === 'EPIPE') &&
        !opts.signal?.aborted
      ) {
        attempt(target, path, opts, false).then(resolve, reject);
        return;
      }
      reject(new TransportError(e.message, code));
    });
    req.end(opts.body);
  });
}

/** Reads a whole (small) body as text; for JSON answers and error bodies. */
export async function readText(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A response header as one string (node gives string[] for repeated headers). */
export function header(res: IncomingMessage, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}
