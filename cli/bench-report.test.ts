import { describe, expect, it } from 'vitest';
import { type BenchRow, rowTotalMs, toCsv, toTable } from './bench-report';

const row = (N: number, transportMs: number | null): BenchRow => ({
  params: { N },
  backend: transportMs === null ? 'webgpu' : 'cpu',
  device: 'd',
  kernelMedianMs: 2,
  kernelMinMs: 1,
  kernelP90Ms: 3,
  samples: 5,
  gbPerS: null,
  gflopPerS: null,
  compileMs: 10,
  uploadMs: 0.5,
  downloadMs: 0.25,
  transportMs,
  bytesUp: 8 * N,
  bytesDown: 4 * N,
});

describe('bench rows', () => {
  it('count the measured transport in the total, and only a daemon side has one', () => {
    expect(rowTotalMs(row(1024, 1.25))).toBe(4);
    expect(rowTotalMs(row(1024, null))).toBe(2.75);
  });
  it('show the transport beside the daemon phases in the table and the CSV', () => {
    const table = toTable('saxpy', [row(1024, 1.25)]).split('\n');
    expect(table[1]).toMatch(/up\+down ms\s+transport ms\s+total ms$/);
    expect(table[2]).toMatch(/0\.750\s+1\.25\s+4\.00$/);
    // The browser side has no transport column at all.
    expect(toTable('saxpy', [row(1024, null)])).not.toContain('transport');
    const [head, line] = toCsv([row(1024, 1.25)]).split('\n');
    expect(head).toContain('transport_ms,total_ms,bytes_up,bytes_down');
    expect(line).toContain(',1.25,4,8192,4096,');
  });
});
