/**
 * An http.Agent whose connections are streams of a paired daemon's tunnel (daemon/connect/tunnel.ts):
 * handed to the daemon client as DaemonTarget.agent, it lets the web server reach a daemon that
 * dialed out to it with the very client it uses for every other daemon.
 */
import { Agent } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Tunnel } from '../../daemon/connect/tunnel';

export class TunnelAgent extends Agent {
  constructor(private readonly tunnel: Tunnel) {
    super({ keepAlive: true });
  }

  override createConnection(): Duplex {
    return this.tunnel.open();
  }
}
