/**
 * scripts/build-executor.mjs decides "up to date" by content, not by mtimes alone: a checkout copied
 * with its times kept over a build from other sources must rebuild. Run on a copy of the executor's
 * sources with the binaries built here, and CXX=false: a build it decides to do fails at once ("no
 * C++ compiler"), so the exit code says which way it decided without minutes of g++.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutor, executorRoot as root } from '../daemon/executor/executor-harness';

let copy = '';
const COPIED = [
  'scripts/build-executor.mjs',
  'scripts/cmake-tree.mjs',
  'daemon/executor/binary-platform.mjs',
  'daemon/executor/src',
  'daemon/executor/tests',
  'daemon/executor/bench',
  'daemon/executor/CMakeLists.txt',
  'compiler/preludes/cpu_runtime.h',
  'package.json',
  'daemon/executor/build/duet-executor',
  'daemon/executor/build/duet-executor-tests',
  'daemon/executor/build/duet-cuda-timing',
  'daemon/executor/build/sources.json',
];

beforeAll(() => {
  buildExecutor();
  copy = mkdtempSync(join(tmpdir(), 'duet-build-executor-'));
  for (const p of COPIED) {
    mkdirSync(dirname(join(copy, p)), { recursive: true });
    cpSync(join(root, p), join(copy, p), { recursive: true, preserveTimestamps: true });
  }
}, 600_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

const build = () =>
  spawnSync(process.execPath, [join(copy, 'scripts/build-executor.mjs')], {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, CXX: 'false', DUET_NO_CMAKE: '1' },
  });

describe('build-executor', () => {
  it('keeps binaries built from the sources as they are', () => {
    const r = build();
    expect(r.stderr).toContain('up to date');
    expect(r.status).toBe(0);
  });

  it('rebuilds when a source changed but kept a time older than the binaries', () => {
    const src = join(copy, 'daemon/executor/src/watchdog.cpp');
    const old = new Date('2020-01-01T00:00:00Z');
    writeFileSync(src, `${readFileSync(src, 'utf8')}// another revision\n`);
    utimesSync(src, old, old);
    const r = build();
    expect(r.stderr).toContain('no C++ compiler');
    expect(r.status).toBe(1);
  });

  it('builds again, rather than call it up to date, a binary made for another machine', () => {
    // A checkout copied from elsewhere with its build/: same sources, same stamp, foreign binary.
    const fresh = mkdtempSync(join(tmpdir(), 'duet-build-foreign-'));
    for (const p of COPIED) {
      mkdirSync(dirname(join(fresh, p)), { recursive: true });
      cpSync(join(root, p), join(fresh, p), { recursive: true, preserveTimestamps: true });
    }
    const elf = Buffer.alloc(64);
    elf.writeUInt32BE(0x7f454c46, 0);
    elf[4] = 2;
    elf[5] = 1;
    elf.writeUInt16LE(process.arch === 'arm64' ? 62 : 183, 18); // EM_X86_64 / EM_AARCH64
    const binary = join(fresh, 'daemon/executor/build/duet-executor');
    const kept = readFileSync(join(fresh, 'daemon/executor/build/sources.json'));
    writeFileSync(binary, elf);
    const later = new Date(Date.now() + 60_000);
    utimesSync(binary, later, later);
    writeFileSync(join(fresh, 'daemon/executor/build/sources.json'), kept);
    const r = spawnSync(process.execPath, [join(fresh, 'scripts/build-executor.mjs')], {
      cwd: fresh,
      encoding: 'utf8',
      env: { ...process.env, CXX: 'false', DUET_NO_CMAKE: '1' },
    });
    rmSync(fresh, { recursive: true, force: true });
    expect(r.stderr).toMatch(
      /was built for Linux (arm64|x86-64), but this machine is .*: building it again for this machine/,
    );
    expect(r.stderr).toContain('no C++ compiler');
    expect(r.status).toBe(1);
  });

  it('rebuilds when package.json’s version (the one the executor reports) changed', () => {
    const watchdog = 'daemon/executor/src/watchdog.cpp'; // changed by the test above
    cpSync(join(root, watchdog), join(copy, watchdog), { preserveTimestamps: true });
    expect(build().stderr).toContain('up to date');
    const pkg = join(copy, 'package.json');
    const before = readFileSync(pkg, 'utf8');
    try {
      writeFileSync(pkg, before.replace(/"version": "[^"]*"/, '"version": "9.8.7-test"'));
      const r = build();
      expect(r.stderr).toContain('no C++ compiler');
      expect(r.status).toBe(1);
    } finally {
      writeFileSync(pkg, before);
    }
  });
});
