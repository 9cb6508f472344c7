/**
 * Paired daemons dial in here (docs/contracts.md, "Paired daemons"): the one path the web server
 * upgrades to a WebSocket, handed to the pairing hub (server/pairing/hub.ts) that the app made when
 * it started (instrumentation.ts). Everything else that asks for an upgrade is refused.
 */
import { WebSocketServer } from 'ws';
import { peerAddress } from './web-peer.mjs';

/** Where the app keeps its hub (server/pairing/hub.ts pairingHub). */
const HUB_KEY = Symbol.for('duet.pairingHub');

/** The largest WebSocket message a daemon may send (daemon/connect/tunnel.ts MAX_MESSAGE, with room). */
const MAX_MESSAGE = 1 << 20;

function refuse(socket, status, text) {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${text}\n`);
}

/**
 * Upgrades `server`'s requests for the hub's connect path.
 * @param {import('node:http').Server} server
 * @param {number} trustedProxies as scripts/web-peer.mjs, to name the daemon's address in the log
 * @param {() => any} [hub] the hub (default: the app's, from globalThis)
 */
export function acceptDaemonConnections(server, trustedProxies, hub = () => globalThis[HUB_KEY]) {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const h = hub();
    const path = (req.url ?? '/').split('?')[0];
    if (!h || path !== h.connectPath) return refuse(socket, '404 Not Found', 'no WebSocket here');
    sockets.handleUpgrade(req, socket, head, (ws) => h.accept(ws, peerAddress(req, trustedProxies)));
  });
  return sockets;
}
