/**
 * The daemons this web server may talk to, from the environment (server/env.ts):
 *   DUET_DAEMONS  comma-separated daemon URLs (default: the daemon's default loopback address)
 *   DUET_TOKEN    bearer token shared by those daemons
 * The page only ever names a daemon by its index here, so a browser can never point the server at an
 * arbitrary URL.
 */
import { type ServerEnv, serverEnv } from './env';

export const DEFAULT_DAEMON_URL = 'http://127.0.0.1:7070';

export interface ConfiguredDaemon {
  index: number;
  url: string;
  token: string;
  /** Whether the URL came from DUET_DAEMONS or is the built-in default. */
  fromEnv: boolean;
}

export function configuredDaemons(env: ServerEnv = serverEnv()): ConfiguredDaemon[] {
  const listed = env.DUET_DAEMONS ?? [];
  const urls = listed.length ? listed : [DEFAULT_DAEMON_URL];
  return urls.map((url, index) => ({ index, url, token: env.DUET_TOKEN, fromEnv: listed.length > 0 }));
}

export function daemonAt(index: number): ConfiguredDaemon | undefined {
  return configuredDaemons()[index];
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
