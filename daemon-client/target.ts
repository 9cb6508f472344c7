/**
 * Which daemon a call goes to and how (contracts §7): its URL, its token (the `Authorization`
 * header every request carries), a CA for a self-signed TLS daemon, or a paired daemon's tunnel.
 */
import type { TransportTarget } from './http-request';

export interface DaemonTarget {
  url: string;
  token: string;
  /** PEM CA certificate(s) trusted for this daemon's TLS certificate (a self-signed LAN daemon). */
  ca?: string;
  /** A paired daemon's tunnel (daemon-client/http-request.ts TransportTarget.agent). */
  agent?: TransportTarget['agent'];
  /** How long to wait on a silent connection for an answer to begin (default NO_ANSWER_MS, 60 s). */
  noAnswerMs?: number;
  /** How long a run's stream may stay silent once it has begun (default STREAM_SILENCE_MS, 45 s). */
  streamSilenceMs?: number;
}

/** The headers that authenticate a request to `t` (contracts §7: a bearer token). */
export function authHeaders(t: DaemonTarget): Record<string, string> {
  return { Authorization: `Bearer ${t.token}` };
}

export function endpoint(t: DaemonTarget, path: string): string {
  return t.url.replace(/\/+$/, '') + path;
}
