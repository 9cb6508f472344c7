/**
 * The daemons this web server may talk to, from the environment (server/env.ts):
 *   DUET_DAEMONS  comma-separated daemon URLs (default: the daemon's default loopback address)
 *   DUET_TOKEN    bearer token shared by those daemons
 * The page only ever names a daemon by its index here, so a browser can never point the server at an
 * arbitrary URL.
 */
import type { Agent } from 'node:http';
import type { DaemonTarget } from '#daemon-client';
import { type ServerEnv, serverEnv } from './env';

export const DEFAULT_DAEMON_URL = 'http://127.0.0.1:7070';

export interface ConfiguredDaemon {
  index: number;
  url: string;
  token: string;
  /** Whether the URL came from DUET_DAEMONS or is the built-in default. */
  fromEnv: boolean;
  /** A daemon paired from the page (server/pairing/visible-daemons.ts): reached through its tunnel. */
  paired?: {
    id: string;
    name: string;
    agent: Agent /** Not connected now: its agent fails at once. */;
    offline: boolean;
  };
}

/** How the daemon client reaches `d`: by its URL, or through a paired daemon's tunnel. */
export function targetOf(d: ConfiguredDaemon): DaemonTarget {
  return { url: d.url, token: d.token, ...(d.paired ? { agent: d.paired.agent } : {}) };
}

export function configuredDaemons(env: ServerEnv = serverEnv()): ConfiguredDaemon[] {
  const listed = env.DUET_DAEMONS ?? [];
  const urls = listed.length ? listed : [DEFAULT_DAEMON_URL];
  return urls.map((url, index) => ({ index, url, token: env.DUET_TOKEN, fromEnv: listed.length > 0 }));
}

/** What to do about a paired daemon that is not connected (server/pairing/). */
export const PAIRED_RECONNECT =
  "On its host, start it again with `npx duet daemon --connect <this page's address>` (it keeps its pairing); one still running reconnects by itself.";

/** How to get `d` answering, for error states: start it, or for a paired daemon, connect it again. */
export function howToReach(d: ConfiguredDaemon): string {
  if (!d.paired) return howToStartDaemon(d.url);
  return `The paired daemon "${d.paired.name}" is not connected to this web server. ${PAIRED_RECONNECT}`;
}

/** How to get a daemon running at `url`, for error states. */
export function howToStartDaemon(url: string): string {
  let port = '7070';
  try {
    port = new URL(url).port || port;
  } catch {
    // keep the default port
  }
  return (
    `Start one on the GPU host with \`npx duet daemon --port ${port} --token <token>\` ` +
    `(add \`--backend cpu\` on a machine without CUDA), then point this server at it with ` +
    `DUET_DAEMONS=${url} and the same DUET_TOKEN. Or run \`npm start\`, which starts a local daemon for you.`
  );
}
