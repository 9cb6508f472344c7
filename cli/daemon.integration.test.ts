/** `duet daemon` as a process: prints where it listens and its token, serves, stops on SIGTERM. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
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

  it('runs its CPU backend on the threads --threads names, and refuses a bad count before starting', async () => {
    const env = {
      ...process.env,
      XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'duet-cfg-')),
      DUET_TOKEN: 't0ken',
    };
    const bad = spawnSync(process.execPath, [join(ROOT, 'bin/duet.mjs'), 'daemon', '--threads', '0'], {
      env,
      encoding: 'utf8',
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--threads must be a whole number 1…1024, not "0"/);

    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/duet.mjs'), 'daemon', '--port', '0', '--backend', 'cpu', '--threads', '1'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const m = /listening on (\S+)/.exec(stdout);
        if (m && /connect:/.test(stdout)) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`daemon exited early: ${stdout}`)));
    });
    // The device is known once the executor said ready.
    let info = await getDaemonInfo({ url, token: 't0ken' });
    for (let i = 0; i < 600 && !info.device; i++) {
      await new Promise((r) => setTimeout(r, 100));
      info = await getDaemonInfo({ url, token: 't0ken' });
    }
    expect(info.device?.threads).toBe(1);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
