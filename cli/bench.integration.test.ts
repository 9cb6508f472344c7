/**
 * `duet bench` end to end on the CPU executor: one row per sweep point, throughput from metrics, and
 * the transport this client measured (its round trip beyond the daemon's own time) in every row.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
});

describe('duet bench --backend cpu', () => {
  it('sweeps a library preset and prints one CSV row per point', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin/duet.mjs'), 'bench', 'saxpy', '--sweep', 'N=1024..4096', '--backend', 'cpu', '--json'],
      {
        cwd: tmpdir(),
        env: { ...process.env, DUET_CACHE_DIR: mkdtempSync(join(tmpdir(), 'duet-kernels-')) },
      },
    );
    const out = JSON.parse(stdout);
    expect(out.target).toBe('saxpy');
    expect(out.rows.map((r: { params: { N: number } }) => r.params.N)).toEqual([1024, 2048, 4096]);
    for (const r of out.rows) {
      expect(r.error).toBeUndefined();
      expect(r.backend).toBe('cpu');
      expect(r.kernelMedianMs).toBeGreaterThan(0);
      // saxpy's preset declares its bytes (12 per element): GB/s follows from them and the median.
      expect(r.gbPerS).toBeCloseTo((12 * r.params.N) / (r.kernelMedianMs / 1000) / 1e9, 6);
      // The round trip over loopback HTTP always costs something beyond the daemon's own time.
      expect(r.transportMs).toBeGreaterThan(0);
      // x and y go up, y comes back: the bytes the link projections charge.
      expect([r.bytesUp, r.bytesDown]).toEqual([8 * r.params.N, 4 * r.params.N]);
    }
  });
});
