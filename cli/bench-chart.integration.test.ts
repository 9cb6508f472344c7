/**
 * `duet bench --chart` end to end: a small saxpy sweep on the CPU executor and in headless Chromium
 * (WebGPU; SwiftShader without a GPU), written as an SVG with both sides and the crossover verdict.
 * The chart run is skipped only when /usr/bin/chromium is absent; the usage errors always run.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM } from './webgpu';

const ROOT = join(import.meta.dirname, '..');
const duet = (args: string[]) =>
  promisify(execFile)(process.execPath, [join(ROOT, 'bin/duet.mjs'), 'bench', ...args], {
    cwd: tmpdir(),
    env: { ...process.env, DUET_CACHE_DIR: mkdtempSync(join(tmpdir(), 'duet-kernels-')) },
  });

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
});

describe('duet bench --chart', () => {
  it.skipIf(!existsSync(DEFAULT_CHROMIUM))(
    'writes both sides, the axes and the crossover verdict',
    async () => {
      const svgPath = join(mkdtempSync(join(tmpdir(), 'duet-chart-')), 'saxpy.svg');
      const { stdout, stderr } = await duet([
        'saxpy',
        '--sweep',
        'N=1024..4096',
        '--chart',
        svgPath,
        '--json',
      ]);
      expect(stderr).toContain(`chart written to ${svgPath}`);
      const out = JSON.parse(stdout);
      expect(out.rows.map((r: { backend: string }) => r.backend)).toEqual(['cpu', 'cpu', 'cpu']);
      expect(out.localRows.map((r: { backend: string }) => r.backend)).toEqual([
        'webgpu',
        'webgpu',
        'webgpu',
      ]);
      const svg = readFileSync(svgPath, 'utf8');
      expect(svg).toContain('data-series="local total (webgpu)"');
      expect(svg).toContain('data-series="remote+transport (cpu)"');
      expect(svg).toContain('data-series="via tb4 (model)"');
      // The crossovers: measured (with the transport) first, then one per link, in --json too.
      expect(out.crossovers.map((c: { id: string }) => c.id)).toEqual([
        'measured',
        'tb4',
        'tb5',
        'pcie4x16',
        'pcie5x16',
      ]);
      expect(svg).toContain('class="axis x-axis"');
      // Each verdict is there, and every verdict naming a size (≈) has its marker.
      // "the remote side is faster" covers "… faster up to ≈N, the local side from there on" too.
      const verdict = /(the remote side wins from ≈|no crossover in this range|the remote side is faster)/;
      expect(svg).toMatch(new RegExp(`total measured \\(daemon \\+ transport\\): ${verdict.source}`));
      expect(svg).toMatch(new RegExp(`total over PCIe 4.0 ×16 \\(projected, 25 GB/s\\): ${verdict.source}`));
      expect(svg).toMatch(new RegExp(`kernel: ${verdict.source}`));
      const markers = svg.match(/class="marker crossover"/g)?.length ?? 0;
      expect(markers).toBe(svg.match(/(wins from|faster up to) ≈/g)?.length ?? 0);
    },
  );

  it('refuses a chart of a WebGPU-only run, a non-SVG path and a grid of sweeps', async () => {
    const fails = async (args: string[], message: RegExp) => {
      const err = await duet(args).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(err?.code).toBe(2);
      expect(err?.stderr).toMatch(message);
    };
    await fails(
      ['saxpy', '--sweep', 'N=1024..2048', '--chart', 'x.svg', '--backend', 'webgpu'],
      /leave out --backend webgpu/,
    );
    await fails(['saxpy', '--sweep', 'N=1024..2048', '--chart', 'x.png'], /path ending in \.svg/);
    await fails(
      ['saxpy', '--sweep', 'N=1024..2048', '--sweep', 'A=1,2', '--chart', 'x.svg'],
      /exactly one --sweep/,
    );
  });
});
