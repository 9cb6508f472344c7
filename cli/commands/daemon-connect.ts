/** `duet daemon --connect`: dials the web server out from a started daemon (daemon/connect/dial-out.ts). */
import { hostname } from 'node:os';
import { type DialOut, dialOut } from '../../daemon/connect/dial-out';
import type { WebServerUrl } from '../../daemon/connect/web-server-url';
import type { RunningDaemon } from '../../daemon/daemon';

export function connectDaemonOut(
  daemon: RunningDaemon,
  connect: { server: WebServerUrl; code: string | undefined },
  backend: string,
  log: (line: string) => void,
): DialOut {
  log(`connecting to ${connect.server.origin}${connect.code ? ' with a pairing code' : ''}`);
  return dialOut({
    server: connect.server,
    ...(connect.code ? { code: connect.code } : {}),
    name: `${hostname()} (${backend})`.slice(0, 128),
    serve: (stream) => daemon.tunnelServer.emit('connection', stream),
    log,
  });
}
