/** The embedded daemon a CLI command starts serves that command alone: no shared per-minute cap. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../daemon/config';
import { resolveLibraryPreset } from '../shaders/index';
import { openSideRunner } from './side-runner';

const ROOT = join(import.meta.dirname, '..');
let cacheDir = '';
let before: string | undefined;

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
  cacheDir = mkdtempSync(join(tmpdir(), 'duet-side-runner-'));
  before = process.env.DUET_CACHE_DIR;
  process.env.DUET_CACHE_DIR = cacheDir;
});

afterAll(() => {
  if (before === undefined) delete process.env.DUET_CACHE_DIR;
  else process.env.DUET_CACHE_DIR = before;
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('openSideRunner with an embedded daemon', () => {
  it('runs more workloads in a minute than a shared daemon allows one client (verify:gpu, sweeps)', async () => {
    const runner = await openSideRunner({ backend: 'cpu' });
    try {
      const w = { ...resolveLibraryPreset('saxpy', { N: 256 }), runs: { warmup: 0, samples: 1 } };
      for (let i = 0; i < DEFAULT_LIMITS.maxRunsPerClientPerMinute + 5; i++) {
        const r = await runner.run(w);
        expect(r.backend).toBe('cpu');
      }
    } finally {
      await runner.close();
    }
  }, 120_000);
});
