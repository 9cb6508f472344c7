/**
 * deploy/duet-daemon.service passes `systemd-analyze verify` (systemd-analyze(1)), keeps what the
 * install promises (its own user, a cache directory, the token as a credential, restarts on
 * failure), and starts the file the daemon bundle installs. A broken copy must fail the same
 * verification, so the check is known to look.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_ENTRY, INSTALL_DIR } from '../scripts/daemon-bundle-layout';

const unitPath = join(import.meta.dirname, 'duet-daemon.service');
const unit = readFileSync(unitPath, 'utf8');
const hasAnalyze = spawnSync('systemd-analyze', ['--version'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'duet-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** verify checks that ExecStart's program exists: where Node is elsewhere, point at this one. */
function verify(text: string) {
  const file = join(dir, 'duet-daemon.service');
  const node = existsSync('/usr/bin/node') ? text : text.replaceAll('/usr/bin/node', process.execPath);
  writeFileSync(file, node);
  const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
  return { status: r.status, messages: `${r.stdout}${r.stderr}`.trim() };
}

describe('deploy/duet-daemon.service', () => {
  it('says what the install promises', () => {
    const directive = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(unit)?.[1];
    expect(directive('DynamicUser')).toBe('yes');
    expect(directive('CacheDirectory')).toBe('duet');
    expect(unit).toMatch(/^Environment=DUET_CACHE_DIR=%C\/duet$/m);
    expect(directive('LoadCredential')).toBe('daemon-token:/etc/duet/daemon-token');
    expect(unit).toMatch(/^Environment=DUET_TOKEN_FILE=%d\/daemon-token$/m);
    expect(directive('Restart')).toBe('on-failure');
    expect(directive('ExecStart')).toBe(
      `/usr/bin/node ${INSTALL_DIR}/${BUNDLE_ENTRY} daemon --host 127.0.0.1 --port 7070 --backend auto`,
    );
  });

  it.skipIf(!hasAnalyze)('passes systemd-analyze verify, and a broken copy does not', () => {
    const good = verify(unit);
    expect(good.messages).toBe('');
    expect(good.status).toBe(0);
    const bad = verify(unit.replace('Restart=on-failure', 'Restart=sometimes'));
    expect(bad.messages).toMatch(/restart specifier/);
  });
});
