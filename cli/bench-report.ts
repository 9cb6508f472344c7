/** `duet bench` rows and their three renderings: a table for people, CSV and JSON for tools. */

import { csvCell } from '../core/csv';
import { type SidePhases, totalMs } from '../core/link-model';
import type { SideResult } from '../core/result';
import { transferBytes } from '../core/transfer-bytes';
import type { Workload } from '../core/workload';

export interface BenchRow {
  params: Record<string, number>;
  backend: string;
  device: string;
  kernelMedianMs: number;
  kernelMinMs: number;
  kernelP90Ms: number;
  samples: number;
  /** From the workload's `metrics`: per-execution bytes / flops over the median kernel time. */
  gbPerS: number | null;
  gflopPerS: number | null;
  compileMs: number;
  uploadMs: number;
  downloadMs: number;
  /**
   * A daemon side's measured transport: this client's round trip (request → every output
   * received) minus the daemon's own time; null for a side without one (WebGPU in the browser).
   */
  transportMs: number | null;
  /** Bytes the workload moves host → device and back (core/transfer-bytes.ts): the link model's input. */
  bytesUp: number;
  bytesDown: number;
  error?: string;
}

/** The row as the link model's phases (kernel = median). */
export function rowPhases(r: BenchRow): SidePhases {
  return {
    uploadMs: r.uploadMs,
    kernelMs: r.kernelMedianMs,
    downloadMs: r.downloadMs,
    ...(r.transportMs !== null ? { transportMs: r.transportMs } : {}),
  };
}

/** What the user waits for per execution: upload + kernel + download + measured transport. */
export const rowTotalMs = (r: BenchRow): number => totalMs(rowPhases(r));

export function benchRow(params: Record<string, number>, w: Workload, r: SideResult): BenchRow {
  const k = r.timings.kernel;
  const perSecond = (amount: number | undefined) =>
    amount && k.median > 0 ? amount / (k.median / 1000) / 1e9 : null;
  const bytes = transferBytes(w);
  return {
    params,
    backend: r.backend,
    device: r.device.name,
    kernelMedianMs: k.median,
    kernelMinMs: k.min,
    kernelP90Ms: k.p90,
    samples: k.count,
    gbPerS: perSecond(w.metrics?.bytes),
    gflopPerS: perSecond(w.metrics?.flops),
    compileMs: r.timings.compile.ms,
    uploadMs: r.timings.upload.ms,
    downloadMs: r.timings.download.ms,
    transportMs: r.timings.transport?.ms ?? null,
    bytesUp: bytes.up,
    bytesDown: bytes.down,
  };
}

const COLUMNS: [string, (r: BenchRow) => number | string | null][] = [
  ['backend', (r) => r.backend],
  ['kernel_median_ms', (r) => r.kernelMedianMs],
  ['kernel_min_ms', (r) => r.kernelMinMs],
  ['kernel_p90_ms', (r) => r.kernelP90Ms],
  ['samples', (r) => r.samples],
  ['gb_per_s', (r) => r.gbPerS],
  ['gflop_per_s', (r) => r.gflopPerS],
  ['compile_ms', (r) => r.compileMs],
  ['upload_ms', (r) => r.uploadMs],
  ['download_ms', (r) => r.downloadMs],
  ['transport_ms', (r) => r.transportMs],
  ['total_ms', (r) => (r.error ? null : rowTotalMs(r))],
  ['bytes_up', (r) => r.bytesUp],
  ['bytes_down', (r) => r.bytesDown],
  ['error', (r) => r.error ?? ''],
];

function paramNames(rows: BenchRow[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.params)))];
}

export function toCsv(rows: BenchRow[]): string {
  const names = paramNames(rows);
  const header = [...names, ...COLUMNS.map(([c]) => c)];
  const lines = rows.map((r) =>
    [...names.map((n) => r.params[n] ?? null), ...COLUMNS.map(([, f]) => f(r))].map(csvCell).join(','),
  );
  return [header.join(','), ...lines].join('\n');
}

function short(v: number | null, digits = 3): string {
  if (v === null) return '—';
  return v >= 100 ? v.toFixed(1) : v.toPrecision(digits);
}

export function toTable(name: string, rows: BenchRow[]): string {
  const names = paramNames(rows);
  const transport = rows.some((r) => r.transportMs !== null);
  const head = [
    ...names,
    'median ms',
    'min ms',
    'p90 ms',
    'GB/s',
    'GFLOP/s',
    'compile ms',
    'up+down ms',
    ...(transport ? ['transport ms'] : []),
    'total ms',
  ];
  const body = rows.map((r) =>
    r.error
      ? [...names.map((n) => String(r.params[n] ?? '')), `error: ${r.error}`]
      : [
          ...names.map((n) => String(r.params[n] ?? '')),
          short(r.kernelMedianMs),
          short(r.kernelMinMs),
          short(r.kernelP90Ms),
          short(r.gbPerS),
          short(r.gflopPerS),
          short(r.compileMs),
          short(r.uploadMs + r.downloadMs),
          ...(transport ? [short(r.transportMs)] : []),
          short(rowTotalMs(r)),
        ],
  );
  const widths = head.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (row.length > i + 1 ? (row[i] ?? '').length : 0))),
  );
  const fmt = (row: string[]) =>
    row.map((c, i) => (i === row.length - 1 ? c : c.padStart(widths[i]!))).join('  ');
  const device = rows.find((r) => !r.error);
  const title = `${name}${device ? ` on ${device.backend} (${device.device})` : ''}`;
  return [title, fmt(head), ...body.map(fmt)].join('\n');
}
