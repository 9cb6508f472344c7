#!/usr/bin/env node
/**
 * The web app's server, as `npm start` runs it: the production build (`next build`) served by
 * Next's request handler behind a plain node:http server (Next's custom-server mode), so each
 * request carries its browser's address from the connection (scripts/web-peer.mjs explains why
 * `next start` cannot be trusted with that). The tRPC endpoint is answered before Next's handler
 * (app/trpc/node-endpoint.ts).
 *   node scripts/web-server.mjs
 * env: PORT (3000), HOST (127.0.0.1), DUET_TRUST_PROXY (0: browsers connect directly; N: behind N
 * reverse proxies that append to X-Forwarded-For). Paired daemons dial in here too
 * (scripts/daemon-connections.mjs). The app's own env (DUET_DAEMONS, DUET_TOKEN, …)
 * passes through.
 */
import { createServer } from 'node:http';
import { tsImport } from 'tsx/esm/api';
import { SECURITY_HEADERS } from '../next.config.mjs';
import { acceptDaemonConnections } from './daemon-connections.mjs';
import { root } from './lib.mjs';
import { parseTrustProxy, withPeerHeader } from './web-peer.mjs';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
let trustedProxies;
try {
  trustedProxies = parseTrustProxy(process.env.DUET_TRUST_PROXY);
} catch (e) {
  console.error(`duet: ${e.message}`);
  process.exit(2);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`duet: PORT must be a TCP port, 0 to 65535 (got ${JSON.stringify(process.env.PORT)})`);
  process.exit(2);
}

// As `next start` does: a production server reads .env.production and serves the build.
process.env.NODE_ENV = 'production';
// Tells the app (server/trpc.ts) that x-duet-peer comes from here, not from the client.
process.env.DUET_PEER_FROM_SOCKET = '1';
const { default: next } = await import('next');
const app = next({ dev: false, dir: root, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
// The tRPC endpoint is answered here, before Next's router (app/trpc/node-endpoint.ts says why);
// loaded after app.prepare(), which ran instrumentation.ts (the environment checked, the pairing hub made).
const { isTrpcRequest, serveTrpc } = await tsImport('../app/trpc/node-endpoint.ts', import.meta.url);
const route = (req, res) => (isTrpcRequest(req) ? serveTrpc(req, res, SECURITY_HEADERS) : handle(req, res));
// Next answers its own errors; one that escapes it (or the tRPC path) must not become an unhandled rejection.
const answer = (req, res) =>
  Promise.resolve(route(req, res)).catch((e) => {
    console.error(`duet: the web app failed on ${req.method} ${req.url}: ${e?.stack ?? e}`);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end('internal error');
    } else res.destroy();
  });
const server = createServer(withPeerHeader(answer, trustedProxies));
// Daemons paired from the page dial in over a WebSocket (`duet daemon --connect`).
acceptDaemonConnections(server, trustedProxies);
server.on('error', (e) => {
  console.error(`duet: the web app cannot listen on ${host}:${port}: ${e.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const where = host.includes(':') ? `[${host}]` : host;
  console.log(`duet: web app listening on http://${where}:${server.address().port}`);
});
// As a signal's default action would: exit 128 + its number. Requests in flight get a few seconds
// to finish (idle keep-alive connections close at once); then the rest are cut.
const stop = (code) => {
  globalThis[Symbol.for('duet.pairingHub')]?.closeAll();
  server.close(() => process.exit(code));
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(code);
  }, 5000).unref();
};
process.on('SIGTERM', () => stop(143));
process.on('SIGINT', () => stop(130));
