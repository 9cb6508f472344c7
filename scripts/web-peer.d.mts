// Types for scripts/web-peer.mjs (plain JS: `npm start` runs it with node alone, before any build).
import type { IncomingMessage, ServerResponse } from 'node:http';

export const PEER_HEADER: 'x-duet-peer';
export const MAX_TRUSTED_PROXIES: number;
export function parseTrustProxy(text: string | undefined): number;
export function peerAddress(req: IncomingMessage, trustedProxies: number): string;
export function withPeerHeader(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
  trustedProxies: number,
): (req: IncomingMessage, res: ServerResponse) => unknown;
