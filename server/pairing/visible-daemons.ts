/**
 * The daemons one browser may run on: the web server's configured ones (server/daemon-config.ts),
 * then the daemons that browser paired (server/pairing/hub.ts), numbered from PAIRED_INDEX_BASE in
 * the order they were paired. A browser never sees or reaches another browser's paired daemon.
 */
import { Tunnel } from '../../daemon/connect/tunnel';
import { type ConfiguredDaemon, configuredDaemons } from '../daemon-config';
import { type PairedStatus, type PairingHub, pairingHub } from './hub';
import { TunnelAgent } from './tunnel-agent';

/** Paired daemons' indexes start here, clear of any configured daemon's. */
export const PAIRED_INDEX_BASE = 1000;

/** The daemon client's way to a paired daemon that is not connected: it fails at once, saying so. */
function offline(name: string): TunnelAgent {
  return new TunnelAgent(
    Tunnel.closedWith(new Error(`the paired daemon "${name}" is not connected to this web server`)),
  );
}

export function visibleDaemons(ownerKey: string | null | undefined): Promise<ConfiguredDaemon[]> {
  return visibleDaemonsOf(pairingHub(), ownerKey, configuredDaemons());
}

/** `configured`, then the daemons `hub` has paired for `ownerKey`. */
export async function visibleDaemonsOf(
  hub: PairingHub,
  ownerKey: string | null | undefined,
  configured: ConfiguredDaemon[],
): Promise<ConfiguredDaemon[]> {
  let paired: PairedStatus[] = [];
  try {
    paired = await hub.visibleTo(ownerKey ?? null);
  } catch (e) {
    // The configured daemons still work without the pairing database.
    console.error(`duet: paired daemons unavailable: ${(e as Error).message}`);
  }
  return [...configured, ...paired.map((p, i) => pairedAsDaemon(p, PAIRED_INDEX_BASE + i))];
}

/** A paired daemon as the daemon client reaches it, listed at `index`. */
export function pairedAsDaemon(p: PairedStatus, index: number): ConfiguredDaemon {
  return {
    index,
    url: `paired:${p.name}`,
    token: '',
    fromEnv: false,
    paired: { id: p.id, name: p.name, agent: p.agent ?? offline(p.name), offline: !p.agent },
  };
}

export async function visibleDaemonAt(
  ownerKey: string | null | undefined,
  index: number,
): Promise<ConfiguredDaemon | undefined> {
  if (index < PAIRED_INDEX_BASE) return configuredDaemons()[index];
  return (await visibleDaemons(ownerKey)).find((d) => d.index === index);
}
