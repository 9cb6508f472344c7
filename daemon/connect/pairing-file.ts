/**
 * Where a daemon keeps the secret each web server gave it when it paired, so it reconnects after a
 * restart without a new code: one owner-only file (0600 in a 0700 folder), next to the daemon's
 * token ($XDG_CONFIG_HOME/duet/pairings.json, by default ~/.config/duet/pairings.json).
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultTokenFile } from '../token-store';

export interface StoredPairing {
  id: string;
  secret: string;
}

export function defaultPairingFile(): string {
  return join(dirname(defaultTokenFile()), 'pairings.json');
}

function readAll(file: string): Record<string, StoredPairing> {
  try {
    const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, StoredPairing>;
    return all && typeof all === 'object' ? all : {};
  } catch {
    return {};
  }
}

export function loadPairing(origin: string, file = defaultPairingFile()): StoredPairing | null {
  const p = readAll(file)[origin];
  return p && typeof p.id === 'string' && typeof p.secret === 'string' ? p : null;
}

/** Saves (or with null, forgets) the pairing with `origin`; written whole, then renamed into place. */
export function savePairing(
  origin: string,
  pairing: StoredPairing | null,
  file = defaultPairingFile(),
): void {
  const all = readAll(file);
  if (pairing) all[origin] = pairing;
  else delete all[origin];
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
