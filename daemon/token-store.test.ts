import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateToken } from './token-store';

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
});
