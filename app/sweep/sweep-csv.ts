/**
 * A sweep as CSV (RFC 4180: comma-separated, CRLF line ends, quoted when a cell holds a comma, quote
 * or line break): one row per point, both sides' phase times in ms, or the error that stopped a
 * side. The same columns for a sweep on screen and a shared one (/s/<id>/csv). Text that starts
 * like a spreadsheet formula is kept as text (core/csv.ts).
 */
import { csvCell, spreadsheetText } from '../../core/csv';
import { totalMs } from '../../core/link-model';
import type { SideOutcome, SweepPoint } from './sweep-point';

const SIDE_COLUMNS = {
  local: ['upload_ms', 'kernel_ms', 'download_ms', 'total_ms', 'error'],
  remote: ['upload_ms', 'kernel_ms', 'download_ms', 'transport_ms', 'total_ms', 'error'],
} as const;

/** A shared sweep's text (parameter name, error messages) is a stranger's: keep it from running as a formula. */
const cell = (v: string | number | undefined): string =>
  v === undefined ? '' : csvCell(typeof v === 'string' ? spreadsheetText(v) : v);

function sideCells(o: SideOutcome, side: 'local' | 'remote'): (string | number | undefined)[] {
  if (o.status === 'error') return [...SIDE_COLUMNS[side].slice(0, -1).map(() => undefined), o.message];
  const p = o.phases;
  const phases = [p.uploadMs, p.kernelMs, p.downloadMs, ...(side === 'remote' ? [p.transportMs] : [])];
  return [...phases, totalMs(p), undefined];
}

export function sweepCsv(points: readonly SweepPoint[], param: string): string {
  const header = [
    param,
    'bytes_up',
    'bytes_down',
    ...SIDE_COLUMNS.local.map((c) => `local_${c}`),
    ...SIDE_COLUMNS.remote.map((c) => `remote_${c}`),
  ];
  const rows = points.map((p) => [
    p.value,
    p.bytesUp,
    p.bytesDown,
    ...sideCells(p.local, 'local'),
    ...sideCells(p.remote, 'remote'),
  ]);
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
