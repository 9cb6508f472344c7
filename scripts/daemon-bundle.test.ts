/**
 * `npm run daemon-bundle`: a daemon-only install that runs from its own folder, with no
 * node_modules anywhere above it and nothing of the web app inside: the bundled daemon answers
 * --help, refuses other commands, and `daemon --check` runs a kernel end to end with it (the
 * executor built here, pointed at with DUET_EXECUTOR: building it again in the bundle is what
 * install.sh does, and takes minutes).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutor } from '../daemon/executor/executor-harness';
import { BUNDLE_ENTRY } from './daemon-bundle-layout';

const root = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'duet-daemon-bundle-'));
// A copy elsewhere: no checkout and no node_modules above it, as on the GPU box.
const installed = join(mkdtempSync(join(tmpdir(), 'duet-daemon-installed-')), 'duet-daemon');
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(join(installed, '..'), { recursive: true, force: true });
});

beforeAll(() => {
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/daemon-bundle.ts'), '--out', out], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cpSync(join(out, 'duet-daemon'), installed, { recursive: true });
}, 300_000);

const daemon = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(installed, BUNDLE_ENTRY), ...args], {
    cwd: installed,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 300_000,
  });

describe('the daemon-only bundle', () => {
  it('holds the single-file daemon, the executor sources, the unit and no web-app dependency', () => {
    for (const f of [
      BUNDLE_ENTRY,
      'daemon/executor/CMakeLists.txt',
      'daemon/executor/src/main.cpp',
      'daemon/executor/src/platform/library_names.cpp',
      'daemon/executor/binary-platform.mjs',
      'compiler/preludes/cpu_runtime.h',
      'scripts/build-executor.mjs',
      'deploy/duet-daemon.service',
      'docs/hosts.md',
    ])
      expect(existsSync(join(installed, f)), f).toBe(true);
    expect(statSync(join(installed, 'install.sh')).mode & 0o111).not.toBe(0);
    expect(spawnSync('sh', ['-n', join(installed, 'install.sh')]).status).toBe(0); // parses as sh
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toBeUndefined();
    const manifest = JSON.parse(readFileSync(join(installed, 'manifest.json'), 'utf8'));
    expect(manifest.packages).not.toContain('react');
    expect(manifest.packages).not.toContain('next');
    expect(manifest.packages).not.toContain('playwright-core');
    expect(Object.keys(manifest.files).filter((f) => /^(app|server)\//.test(f))).toEqual([]);
    expect(existsSync(join(out, `duet-daemon-${pkg.version}.tar.gz`))).toBe(true);
  });

  it('answers daemon --help and refuses any other command', () => {
    const help = daemon(['daemon', '--help']);
    expect(help.stdout).toMatch(/^usage: duet daemon /);
    expect(help.stdout).toMatch(/--check/);
    expect(help.status).toBe(0);
    const other = daemon(['run', 'w.json']);
    expect(other.stderr).toMatch(/^usage: duet-daemon\.mjs daemon \[options\] {3}\(got "run"/);
    expect(other.status).toBe(2);
  });

  it('runs daemon --check end to end on the CPU backend', () => {
    const r = daemon(['daemon', '--check', '--backend', 'cpu'], {
      DUET_EXECUTOR: buildExecutor(),
      DUET_CACHE_DIR: join(installed, 'cache'),
    });
    expect(r.stdout, r.stderr).toMatch(/^kernel: +ok: c = a \+ b over 1024 floats on the cpu backend/m);
    expect(r.status).toBe(0);
  }, 300_000);
});
