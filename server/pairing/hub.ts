/**
 * The web server's side of paired daemons: it issues pairing codes, takes the WebSocket of each
 * daemon that dials in (scripts/web-server.mjs hands it over after the upgrade), checks its code or
 * secret (daemon/connect/handshake.ts), and keeps one tunnel per connected daemon through which the
 * daemon client reaches it (server/pairing/tunnel-agent.ts).
 *
 * One hub per process, on globalThis: Next bundles each route (and instrumentation.ts) separately,
 * and scripts/web-server.mjs, outside the bundles, finds it there.
 */
import type { RawData, WebSocket } from 'ws';
import { type Answer, CLOSE, CONNECT_PATH, type Hello, parseHello } from '../../daemon/connect/handshake';
import { Tunnel } from '../../daemon/connect/tunnel';
import { shareDb } from '../share/db';
import { PairingCodes } from './codes';
import { type PairedDaemon, PairingStore } from './store';
import { TunnelAgent } from './tunnel-agent';

/** A daemon must say who it is within this long after connecting. */
export const HELLO_TIMEOUT_MS = 10_000;
/** The hub pings each daemon this often and drops one that missed a whole interval (RFC 6455 §5.5.2). */
export const PING_MS = 15_000;

interface Connected {
  daemon: PairedDaemon;
  ws: WebSocket;
  tunnel: Tunnel;
  agent: TunnelAgent;
}

export interface PairedStatus extends PairedDaemon {
  /** The tunnel to it while it is connected; absent while it is not. */
  agent?: TunnelAgent;
}

export interface HubOptions {
  store?: () => Promise<PairingStore>;
  codes?: PairingCodes;
  log?: (line: string) => void;
  pingMs?: number;
}

export class PairingHub {
  /** The one path scripts/web-server.mjs upgrades to a WebSocket for this hub. */
  readonly connectPath = CONNECT_PATH;
  readonly codes: PairingCodes;
  private readonly connected = new Map<string, Connected>();
  private readonly store: () => Promise<PairingStore>;
  private readonly log: (line: string) => void;
  private readonly pingMs: number;

  constructor(opts: HubOptions = {}) {
    this.codes = opts.codes ?? new PairingCodes();
    this.store = opts.store ?? (async () => new PairingStore((await shareDb()).db));
    this.log = opts.log ?? ((line) => console.log(`duet: ${line}`));
    this.pingMs = opts.pingMs ?? PING_MS;
  }

  /** The paired daemons a browser may see and use: those it paired, connected or not. */
  async visibleTo(ownerKey: string | null): Promise<PairedStatus[]> {
    if (!ownerKey) return [];
    const paired = await (await this.store()).listFor(ownerKey);
    return paired.map((d) => {
      const c = this.connected.get(d.id);
      return c ? { ...c.daemon, agent: c.agent } : d;
    });
  }

  /**
   * One pairing by its id, connected or not; null when there is none. For a workshop room its teacher
   * attached the daemon to (server/workshop/service.ts), which checked the owner when attaching.
   */
  async byId(id: string): Promise<PairedStatus | null> {
    const known = await (await this.store()).get(id);
    if (!known) return null;
    const c = this.connected.get(id);
    return c ? { ...c.daemon, agent: c.agent } : known;
  }

  /** Takes a daemon's WebSocket: handshake first, then its tunnel. `peer` only names it in the log. */
  accept(ws: WebSocket, peer: string): void {
    const hello = setTimeout(
      () => this.refuse(ws, 'protocol', `no hello within ${HELLO_TIMEOUT_MS / 1000} s`, CLOSE.PROTOCOL),
      HELLO_TIMEOUT_MS,
    );
    ws.once('message', (data: RawData, isBinary: boolean) => {
      clearTimeout(hello);
      const h = isBinary ? null : parseHello(data.toString());
      if (!h)
        return this.refuse(
          ws,
          'protocol',
          'the first message must be a pairing hello (daemon/connect/handshake.ts)',
          CLOSE.PROTOCOL,
        );
      this.handshake(ws, h, peer).catch((e: unknown) =>
        this.refuse(
          ws,
          'unavailable',
          `the web server cannot read or store pairings: ${(e as Error).message}`,
          CLOSE.UNAVAILABLE,
        ),
      );
    });
    ws.on('error', () => {
      // A broken socket also closes; 'close' does the cleaning up.
    });
    ws.once('close', () => clearTimeout(hello));
  }

  private async handshake(ws: WebSocket, h: Hello, peer: string): Promise<void> {
    const store = await this.store();
    let daemon: PairedDaemon;
    if (h.type === 'pair') {
      const owner = this.codes.redeem(h.code);
      if (!owner)
        return this.refuse(
          ws,
          'code',
          'this pairing code is wrong, already used or expired (codes last 10 minutes and pair one daemon): get a new one in the page, Remote → Add your own GPU…',
        );
      const added = await store.add(owner, h.name);
      daemon = { id: added.id, ownerKey: added.ownerKey, name: added.name };
      this.send(ws, { type: 'paired', id: added.id, secret: added.secret });
      this.log(`paired a new daemon ${daemon.id} ("${daemon.name}") from ${peer}`);
    } else {
      const known = await store.verify(h.id, h.secret);
      if (!known)
        return this.refuse(
          ws,
          'secret',
          'this web server does not recognise the daemon (its pairing was removed or the database reset): pair it again with a new code from the page',
        );
      if (known.name !== h.name) await store.rename(known.id, h.name);
      daemon = { ...known, name: h.name };
      this.send(ws, { type: 'resumed', id: daemon.id });
      this.log(`paired daemon ${daemon.id} ("${daemon.name}") reconnected from ${peer}`);
    }
    if (ws.readyState !== ws.OPEN) return;
    this.attach(ws, daemon);
  }

  private attach(ws: WebSocket, daemon: PairedDaemon): void {
    const before = this.connected.get(daemon.id);
    if (before) before.ws.close(CLOSE.REPLACED, 'the same daemon connected again');
    const tunnel = new Tunnel(ws);
    const entry: Connected = { daemon, ws, tunnel, agent: new TunnelAgent(tunnel) };
    this.connected.set(daemon.id, entry);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary && Buffer.isBuffer(data)) tunnel.receive(data);
    });
    let alive = true;
    ws.on('pong', () => {
      alive = true;
    });
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, this.pingMs);
    ping.unref();
    ws.once('close', () => {
      clearInterval(ping);
      tunnel.close(new Error(`the paired daemon "${daemon.name}" disconnected from this web server`));
      entry.agent.destroy();
      if (this.connected.get(daemon.id) === entry) {
        this.connected.delete(daemon.id);
        this.log(`paired daemon ${daemon.id} ("${daemon.name}") disconnected`);
      }
    });
  }

  private send(ws: WebSocket, answer: Answer): void {
    ws.send(JSON.stringify(answer));
  }

  private refuse(
    ws: WebSocket,
    reason: Extract<Answer, { type: 'refused' }>['reason'],
    message: string,
    code: number = CLOSE.REFUSED,
  ): void {
    if (ws.readyState !== ws.OPEN) return;
    this.send(ws, { type: 'refused', reason, message });
    ws.close(code, reason);
  }

  /** Ends every daemon's connection (a web server that stops). */
  closeAll(): void {
    for (const c of this.connected.values()) c.ws.close(1001, 'the web server is stopping');
  }
}

const HUB_KEY = Symbol.for('duet.pairingHub');

/** The process's hub, made on first use (instrumentation.ts makes it when the web server starts). */
export function pairingHub(): PairingHub {
  const g = globalThis as { [HUB_KEY]?: PairingHub };
  g[HUB_KEY] ??= new PairingHub();
  return g[HUB_KEY];
}
