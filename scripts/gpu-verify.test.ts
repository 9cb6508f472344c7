/**
 * `npm run verify:gpu` rehearsed without a GPU: the script runs against the fake CUDA driver
 * (daemon/executor/tests/fake_cuda/), which checks every copy and launch of the CUDA backend's host
 * code but runs no generated kernel, so outputs mismatch by design and only the plumbing is asserted:
 * every workload picked reaches a result on the CUDA side, the report names the device and the
 * compile and cache-hit figures. Device time is scarce; this is what makes the first real run count.
 * The kernels picked cover ping-pong passes with swaps, per-pass uniforms, atomics, overrides, 3D
 * dispatch and robustness cases.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutor, executorRoot } from '../daemon/executor/executor-harness';
import { fakeCudaEnv } from '../daemon/executor/fake-cuda';

const PICKED = [
  '155',
  '166',
  '170',
  '172',
  '186',
  '192',
  's00',
  'preset/bitonic-sort',
  'preset/nbody',
  'preset/saxpy',
];
let scratch = '';

beforeAll(() => {
  buildExecutor();
  scratch = mkdtempSync(join(tmpdir(), 'duet-verify-gpu-'));
}, 600_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('npm run verify:gpu on the fake CUDA driver', () => {
  it('runs every picked workload through the CUDA host path and writes the report', async () => {
    const out = join(scratch, 'report.md');
    const log = join(scratch, 'driver.log');
    const run = promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        join(executorRoot, 'scripts', 'gpu-verify.ts'),
        '--only',
        PICKED.join(','),
        '--out',
        out,
      ],
      {
        cwd: executorRoot,
        env: { ...process.env, ...fakeCudaEnv(), DUET_CACHE_DIR: join(scratch, 'cache'), FAKE_CUDA_LOG: log },
        maxBuffer: 16 << 20,
      },
    );
    // Exit 1: the fake runs no generated kernel, so the outputs cannot agree.
    await expect(run).rejects.toMatchObject({ code: 1 });
    const report = readFileSync(out, 'utf8');
    const rows = report.split('\n').filter((l) => /^\| (corpus|preset)\//.test(l));
    expect(rows).toHaveLength(PICKED.length);
    for (const row of rows) expect(row, row).toMatch(/^\| \S+ \| mismatch \|/);
    expect(report).toMatch(
      /^- Device: Duet fake CUDA device \(test double\), compute capability 9\.0, .*PCIe gen 4 x16/m,
    );
    expect(report).toMatch(
      new RegExp(`^- Module cache hit, second run: median \\d+\\.\\d+ ms over ${PICKED.length}$`, 'm'),
    );
    const driver = readFileSync(log, 'utf8');
    expect(driver.split('\n').filter((l) => /^(INVALID|FAULT)/.test(l))).toEqual([]);
    expect(driver).toMatch(/^launch duet_k_\w+ grid=/m);
  }, 300_000);
});
