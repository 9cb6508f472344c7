import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultTokenFile, loadOrCreateToken } from './token-store';

describe('token store', () => {
  it('creates an owner-only token once and returns the same one afterwards', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'duet-token-')), 'sub', 'daemon-token');
    const first = loadOrCreateToken(file);
    expect(first.created).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadOrCreateToken(file);
    expect(second).toMatchObject({ created: false, token: first.token });
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads the token from DUET_TOKEN_FILE (a systemd credential) without writing there', () => {
    const credential = join(mkdtempSync(join(tmpdir(), 'duet-cred-')), 'daemon-token');
    writeFileSync(credential, 'a-token-from-systemd-credentials\n', { mode: 0o400 });
    vi.stubEnv('DUET_TOKEN_FILE', credential);
    expect(defaultTokenFile()).toBe(credential);
    expect(loadOrCreateToken()).toEqual({
      token: 'a-token-from-systemd-credentials',
      created: false,
      file: credential,
    });
  });
});
