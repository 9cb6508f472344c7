#!/usr/bin/env node
/**
 * The web app's server, as `npm start` runs it: the production build (`next build`) served by
 * Next's request handler behind a plain node:http server (Next's custom-server mode), so each
 * request carries its browser's address from the connection (scripts/web-peer.mjs explains why
 * `next start` cannot be trusted with that).
 *   node scripts/web-server.mjs
 * env: PORT (3000), HOST (127.0.0.1), DUET_TRUST_PROXY (0: browsers connect directly; N: behind N
 * reverse proxies that append to X-Forwarded-For). The app's own env (DUET_DAEMONS, DUET_TOKEN, …)
 * passes through.
 */
import { createServer } from 'node:http';
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
const { default: next } = await import('next');
const app = next({ dev: false, dir: root, hostname: host, port });
await app.prepare();
const server = createServer(withPeerHeader(app.getRequestHandler(), trustedProxies));
server.on('error', (e) => {
  console.error(`duet: the web app cannot listen on ${host}:${port}: ${e.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const where = host.includes(':') ? `[${host}]` : host;
  console.log(`duet: web app listening on http://${where}:${server.address().port}`);
});
// Open keep-alive connections would hold close() up; in-flight runs end with the process anyway.
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
