/**
 * For the pairing tests: the web server's daemon side as scripts/web-server.mjs runs it (a node:http
 * server with scripts/daemon-connections.mjs and a real PairingHub on a real SQLite database),
 * without the Next build in front, which these tests do not need.
 */
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { WebSocketServer } from 'ws';
import { acceptDaemonConnections } from '../../scripts/daemon-connections.mjs';
import { openShareDb } from '../share/db';
import type { PairingCodes } from './codes';
import { PairingHub } from './hub';
import { PairingStore } from './store';

export interface TestWebServer {
  url: string;
  port: number;
  hub: PairingHub;
  sockets: WebSocketServer;
  logs: string[];
  close(): Promise<void>;
}

/**
 * `tls`: serve https (then `url` is https://) with this certificate and key, PEM. `codes`: the hub's
 * pairing codes (a test's own clock, to expire them).
 */
export async function startTestWebServer(
  sqlitePath: string,
  port = 0,
  tls?: { cert: string; key: string },
  codes?: PairingCodes,
): Promise<TestWebServer> {
  const share = await openShareDb({ sqlitePath });
  const logs: string[] = [];
  const hub = new PairingHub({
    store: async () => new PairingStore(share.db),
    log: (l) => logs.push(l),
    ...(codes ? { codes } : {}),
  });
  const notHere = (_req: unknown, res: import('node:http').ServerResponse) => {
    res.statusCode = 404;
    res.end('not here');
  };
  const server = tls ? createTlsServer(tls, notHere) : createServer(notHere);
  const sockets = acceptDaemonConnections(server, 0, () => hub);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const p = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${p}`,
    port: p,
    hub,
    sockets,
    logs,
    async close() {
      for (const ws of sockets.clients) ws.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await share.close();
    },
  };
}
