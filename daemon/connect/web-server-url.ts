/**
 * The web server a daemon dials out to (`duet daemon --connect URL`): which WebSocket URL that is,
 * and whether it may be plain. An `http://` web server beyond loopback would carry the pairing code,
 * the daemon's secret and every kernel and result in clear text, so it is refused unless the
 * operator says so with --allow-insecure-http; `https://` gives `wss://` (TLS, RFC 6455 §3).
 */
import { CONNECT_PATH } from './handshake';

export class ConnectUrlError extends Error {}

export interface WebServerUrl {
  /** The web server as the operator named it, without a trailing slash: the key its secret is kept under. */
  origin: string;
  /** Where the WebSocket goes. */
  socketUrl: string;
  secure: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

export function parseWebServerUrl(text: string, opts: { allowInsecureHttp?: boolean } = {}): WebServerUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConnectUrlError(
      `--connect "${text}" is not a URL: give the web server's address as the page shows it, e.g. https://duet.example.org`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConnectUrlError(`--connect "${text}" must be an http:// or https:// URL (the page's address)`);
  if (url.username || url.password)
    throw new ConnectUrlError('--connect must not carry a user name or password');
  const secure = url.protocol === 'https:';
  if (!secure && !LOOPBACK.test(url.hostname) && !opts.allowInsecureHttp)
    throw new ConnectUrlError(
      `--connect ${url.origin} is plain http beyond this machine: the pairing code, this daemon's secret, kernels and results would cross the network unencrypted. Use the https:// address of the web server, or add --allow-insecure-http if this network is trusted`,
    );
  const base = url.pathname.replace(/\/+$/, '');
  return {
    origin: `${url.origin}${base}`,
    socketUrl: `${secure ? 'wss' : 'ws'}://${url.host}${base}${CONNECT_PATH}`,
    secure,
  };
}
