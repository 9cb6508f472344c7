/** One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break; null is empty. */
export function csvCell(v: number | string | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
