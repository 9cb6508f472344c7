import { describe, expect, it } from 'vitest';
import { benchChartSvg, crossoverLines } from './bench-chart';
import type { BenchRow } from './bench-report';

const row = (backend: string, N: number, kernel: number, io: number, transport?: number): BenchRow => ({
  params: { N },
  backend,
  device: backend,
  kernelMedianMs: kernel,
  kernelMinMs: kernel,
  kernelP90Ms: kernel,
  samples: 10,
  gbPerS: null,
  gflopPerS: null,
  compileMs: 1,
  uploadMs: io,
  downloadMs: io,
  transportMs: transport ?? null,
  bytesUp: 8 * N,
  bytesDown: 4 * N,
});

// Local grows linearly (total = 3 ms × N/1024); remote has a fixed 4 ms of transfers and a tiny kernel.
const local = [1024, 2048, 4096, 8192].map((N) => row('webgpu', N, N / 1024, N / 1024));
const remote = [1024, 2048, 4096, 8192].map((N) => row('cpu', N, N / 8192, 2));

describe('benchChartSvg', () => {
  const svg = benchChartSvg({ name: 'saxpy', param: 'N', local, remote });
  it('draws both sides’ totals and kernels on named series', () => {
    for (const s of [
      'local total (webgpu)',
      'remote+transport (cpu)',
      'local kernel (webgpu)',
      'remote kernel (cpu)',
    ])
      expect(svg).toContain(`data-series="${s}"`);
    expect(svg).toContain('class="axis x-axis"');
    expect(svg).toContain('class="axis y-axis"');
    expect(svg).toContain('>N (log)</text>');
  });
  it('marks the total crossover between 1024 and 2048', () => {
    // totals: local 3, 6, 12, 24; remote 4.125, 4.25, 4.5, 5 → crosses between 1024 and 2048
    const m = /class="marker crossover" data-x="([\d.]+)"/.exec(svg);
    expect(m).not.toBeNull();
    const x = Number(m![1]);
    expect(x).toBeGreaterThan(1024);
    expect(x).toBeLessThan(2048);
    expect(svg).toContain('total measured (daemon + transport): the remote side wins from');
  });
  it('says so when there is no crossover', () => {
    const slow = [1024, 2048].map((N) => row('cpu', N, 100, 100));
    const none = benchChartSvg({ name: 'saxpy', param: 'N', local: local.slice(0, 2), remote: slow });
    expect(none).not.toContain('class="marker crossover"');
    expect(none).toContain('total measured (daemon + transport): no crossover in this range');
    expect(none).toContain('kernel: no crossover in this range');
  });
  it('leaves failed points out', () => {
    const failed = { ...row('cpu', 4096, 1, 1), error: 'boom' };
    const svg2 = benchChartSvg({ name: 'x', param: 'N', local, remote: [failed] });
    expect(svg2).toContain('total measured (daemon + transport): no points measured on both sides');
  });
  it('counts the measured transport in the remote total', () => {
    // The daemon's phases alone (4.125 … 5 ms) cross the local total between 1024 and 2048; 15 ms
    // of measured transport per point keeps the remote total (19.1 … 20 ms) above local until past 4096.
    const slowWire = [1024, 2048, 4096, 8192].map((N) => row('cpu', N, N / 8192, 2, 15));
    const chart = benchChartSvg({ name: 'saxpy', param: 'N', local, remote: slowWire });
    const m = /class="marker crossover" data-x="([\d.]+)"/.exec(chart);
    expect(Number(m![1])).toBeGreaterThan(4096);
    expect(Number(m![1])).toBeLessThan(8192);
  });
  it('says where a remote side faster at small sizes loses to its growing transport', () => {
    // local totals 3, 6, 12, 24 ms; remote 0.25 ms of phases + (N / 1024)² ms of transport:
    // 1.25, 4.25, 16.25, 64.25 → faster up to between 2048 and 4096, slower from there on
    const wire = [1024, 2048, 4096, 8192].map((N) => row('cpu', N, 0.05, 0.1, (N / 1024) ** 2));
    const chart = benchChartSvg({ name: 'saxpy', param: 'N', local, remote: wire });
    expect(chart).toMatch(
      /total measured \(daemon \+ transport\): the remote side is faster up to ≈[23],\d{3}, the local side from there on/,
    );
    expect(chart).toContain('class="marker crossover"');
  });
  it('projects the same bytes over each link and states a crossover for each', () => {
    for (const id of ['tb4', 'tb5', 'pcie4x16', 'pcie5x16'])
      expect(svg).toContain(`data-series="via ${id} (model)"`);
    // 12 bytes per element at ≥ 3 GB/s cost microseconds: every link wins from the smallest size
    expect(svg).toContain(
      'total over Thunderbolt 3/4 · USB4 (40 Gb/s) (projected, 3 GB/s): the remote side is faster',
    );
    expect(svg).toContain('total over PCIe 5.0 ×16 (projected, 50 GB/s): the remote side is faster');
    expect(crossoverLines('N', local, remote)).toHaveLength(5);
  });
});
