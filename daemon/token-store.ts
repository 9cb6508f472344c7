/**
 * Where `duet daemon` keeps its generated token, so a restarted daemon keeps working with the web
 * servers and scripts already configured for it. Readable by the owner only.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateToken } from './auth';

/** DUET_TOKEN_FILE names it outright (a systemd credential: deploy/duet-daemon.service). */
export function defaultTokenFile(): string {
  if (process.env.DUET_TOKEN_FILE) return process.env.DUET_TOKEN_FILE;
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'duet', 'daemon-token');
}

/** The stored token, or a new one saved there; `created` tells which. */
export function loadOrCreateToken(file = defaultTokenFile()): {
  token: string;
  created: boolean;
  file: string;
} {
  try {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 16) return { token, created: false, file };
  } catch {
    // No token yet: make one below.
  }
  const token = generateToken();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, created: true, file };
}
