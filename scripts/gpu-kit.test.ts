/**
 * The offline GPU kit (`npm run gpu-kit`, scripts/gpu-kit.ts): packed here, run from a copy of the
 * checkout that has no node_modules, as on an NVIDIA machine without an npm registry. The CUDA side
 * is the fake driver (daemon/executor/tests/fake_cuda/), so the outputs mismatch by design; what is
 * asserted is that the bundle runs on its own, with the Node it packed, and writes the report where
 * the device machine collects it, and that a kit refuses a checkout it was not built from.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutor, executorRoot as root } from '../daemon/executor/executor-harness';
import { fakeCudaEnv } from '../daemon/executor/fake-cuda';
import { sourceRevision } from './source-revision';

let scratch = '';
let checkout = '';
let noNode = '';

beforeAll(() => {
  buildExecutor();
  scratch = mkdtempSync(join(tmpdir(), 'duet-gpu-kit-'));
  checkout = join(scratch, 'checkout');
  // What travels to the device machine: tracked files and untracked ones git does not ignore.
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && existsSync(join(root, f)));
  for (const f of files) {
    mkdirSync(dirname(join(checkout, f)), { recursive: true });
    copyFileSync(join(root, f), join(checkout, f));
  }
  // The executor built here, with the record of the sources it was built from (the same as the
  // copy's), so the kit's build step finds it up to date instead of spending minutes of this test
  // on g++.
  for (const built of ['duet-executor', 'duet-executor-tests', 'duet-cuda-timing', 'sources.json']) {
    cpSync(join(root, 'daemon/executor/build', built), join(checkout, 'daemon/executor/build', built));
  }
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts/gpu-kit.ts'), '--kit', join(checkout, '.gpu-kit')],
    {
      cwd: root,
      stdio: 'pipe',
    },
  );
  // A `node` on PATH that is not Node >= 20, so run.sh has to unpack the one it packed.
  noNode = join(scratch, 'old-node');
  mkdirSync(noNode);
  writeFileSync(join(noNode, 'node'), '#!/bin/sh\necho v18.0.0\nexit 1\n');
  chmodSync(join(noNode, 'node'), 0o755);
}, 600_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function runKit(args: string[], env: Record<string, string> = {}) {
  return spawnSync('sh', [join(checkout, '.gpu-kit/run.sh'), ...args], {
    cwd: scratch,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...fakeCudaEnv(),
      PATH: `${noNode}:/usr/local/bin:/usr/bin:/bin`,
      NODE_PATH: '',
      DUET_CACHE_DIR: '',
      ...env,
    },
  });
}

describe('the offline GPU kit', () => {
  it('runs the verification from a checkout without node_modules, on the Node it packed, into $OUT', () => {
    expect(existsSync(join(checkout, 'node_modules'))).toBe(false);
    const out = join(scratch, 'out');
    mkdirSync(out);
    const r = runKit(['--only', '0,s00,preset/saxpy'], { OUT: out });
    // Exit 1: the fake driver runs no generated kernel, so the outputs cannot agree.
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain(`[gpu-kit] node ${process.version} at ${join(checkout, '.gpu-kit')}/run.`);
    expect(r.stderr).toMatch(/\/\.gpu-kit\/run\.\w+\/bin\/node\n/);
    // Its working folder (the unpacked Node, the kernel cache) is gone afterwards.
    expect(readdirSync(join(checkout, '.gpu-kit')).filter((f) => f.startsWith('run.'))).toEqual(['run.sh']);
    const report = readFileSync(join(out, 'gpu-verification.md'), 'utf8');
    const rows = report.split('\n').filter((l) => /^\| (corpus|preset)\//.test(l));
    expect(rows.map((l) => l.split(' | ')[0])).toEqual([
      '| corpus/000-vec3-f32-struct-packing',
      '| corpus/s00-oob-storage-write',
      '| preset/saxpy',
    ]);
    for (const row of rows) expect(row, row).toMatch(/^\| \S+ \| mismatch \|/);
    expect(report).toContain('Written by `sh .gpu-kit/run.sh`');
    expect(report).toContain(`- Source: ${sourceRevision(root)}\n`);
    expect(report).toMatch(/^- Device: Duet fake CUDA device \(test double\)/m);
    // The whole log is kept beside the report, and the caller sees it too.
    const log = readFileSync(join(out, 'verify.log'), 'utf8');
    expect(log).toMatch(/^mismatch +preset\/saxpy/m);
    expect(r.stderr).toContain(log.trim());
  }, 300_000);

  it('refuses a checkout whose sources differ from the ones it was built from, before building', () => {
    const edited = join(checkout, 'compiler/emit/module.ts');
    const original = readFileSync(edited, 'utf8');
    writeFileSync(edited, `${original}// changed after the kit was packed\n`);
    try {
      const r = runKit(['--only', '0', '--out', join(scratch, 'stale.md')]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('1 of');
      expect(r.stderr).toContain(
        'differ: compiler/emit/module.ts). Build it again from this checkout: npm run gpu-kit',
      );
      expect(r.stderr).not.toContain('building the executor');
      expect(existsSync(join(scratch, 'stale.md'))).toBe(false);
    } finally {
      writeFileSync(edited, original);
    }
  }, 120_000);

  it('counts the executor C++ and the corpus it reads from the checkout, and files added since', () => {
    const cpp = join(checkout, 'daemon/executor/src/watchdog.cpp');
    const original = readFileSync(cpp, 'utf8');
    const added = join(checkout, 'compiler/corpus/999-added-after-packing.wgsl');
    writeFileSync(cpp, `${original}// changed after the kit was packed\n`);
    writeFileSync(added, '@compute @workgroup_size(1) fn main() {}\n');
    try {
      const r = runKit(['--only', '0']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('2 of');
      expect(r.stderr).toContain(
        'differ: daemon/executor/src/watchdog.cpp, compiler/corpus/999-added-after-packing.wgsl (new))',
      );
    } finally {
      writeFileSync(cpp, original);
      rmSync(added);
    }
  }, 120_000);

  it("offers a Python wheel's NVRTC as the executor's last resort unless DUET_NVRTC names one; uses a Node on PATH as is", () => {
    // A python3 that names a wheel's NVRTC, and a stale checkout so each run stops right after the
    // probe, before the executor build.
    const bin = join(scratch, 'py');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'python3'), '#!/bin/sh\necho /wheels/nvidia/cuda_nvrtc/lib/libnvrtc.so.12\n');
    chmodSync(join(bin, 'python3'), 0o755);
    const edited = join(checkout, 'package.json');
    const original = readFileSync(edited, 'utf8');
    writeFileSync(edited, `${original}\n`);
    const probe = (env: Record<string, string>) =>
      runKit(['--only', '0'], { PATH: `${noNode}:${bin}:/usr/local/bin:/usr/bin:/bin`, ...env });
    try {
      const wheel = probe({ DUET_NVRTC: '' });
      expect(wheel.status).toBe(2);
      expect(wheel.stderr).toContain(
        'NVRTC from a Python wheel, if no CUDA toolkit has one: /wheels/nvidia/cuda_nvrtc/lib/libnvrtc.so.12',
      );
      const chosen = probe({ DUET_NVRTC: '/opt/nvrtc/libnvrtc.so.13' });
      expect(chosen.status).toBe(2);
      expect(chosen.stderr).not.toContain('Python wheel');
      // A Node >= 20 on PATH is used as it is: nothing unpacked.
      const onPath = probe({ PATH: `${dirname(process.execPath)}:${bin}:/usr/bin:/bin` });
      expect(onPath.status).toBe(2);
      expect(onPath.stderr).toContain(`[gpu-kit] node ${process.version} at ${process.execPath}\n`);
    } finally {
      writeFileSync(edited, original);
    }
  }, 120_000);

  it('replaces only an earlier kit: a folder with anything else in it, or a file, is left alone', () => {
    const pack = (kit: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/gpu-kit.ts'), '--kit', kit], {
        cwd: root,
        encoding: 'utf8',
      });
    const site = join(scratch, 'public');
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, 'manifest.json'), '{"name": "a web app"}\n');
    writeFileSync(join(site, 'index.html'), '<!doctype html>\n');
    const r = pack(site);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('holds index.html, which no kit writes');
    expect(readdirSync(site).sort()).toEqual(['index.html', 'manifest.json']);
    const file = join(site, 'index.html');
    expect(pack(file).stderr).toContain('is a file, not a folder');
    expect(readFileSync(file, 'utf8')).toBe('<!doctype html>\n');
  }, 120_000);
});
