/** `duet daemon` as a process: prints where it listens and its token, serves, stops on SIGTERM. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDaemonInfo } from '#daemon-client';

const ROOT = join(import.meta.dirname, '..');

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
});

describe('duet daemon', () => {
  it('generates and prints a token, answers /v1/info with it, and exits 0 on SIGTERM', async () => {
    const env = { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'duet-cfg-')), DUET_TOKEN: '' };
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/duet.mjs'), 'daemon', '--port', '0', '--backend', 'cpu'],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stdout = '';
    const banner = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (/connect:/.test(stdout)) resolve(stdout);
      });
      child.on('exit', () => reject(new Error(`daemon exited early: ${stdout}`)));
    });
    const url = /listening on (\S+)/.exec(banner)![1]!;
    const token = /token: (\S+) \(generated/.exec(banner)![1]!;
    const info = await getDaemonInfo({ url, token });
    expect(info.limits.maxRunMs).toBeGreaterThan(0);
    await expect(getDaemonInfo({ url, token: 'wrong' })).rejects.toMatchObject({ kind: 'unauthorized' });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
