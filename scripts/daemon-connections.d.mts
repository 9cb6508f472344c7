import type { Server } from 'node:http';
import type { WebSocketServer } from 'ws';

export function acceptDaemonConnections(
  server: Server,
  trustedProxies: number,
  hub?: () => { connectPath: string; accept(ws: unknown, peer: string): void } | undefined,
): WebSocketServer;
